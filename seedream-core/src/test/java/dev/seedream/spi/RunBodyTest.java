package dev.seedream.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.MalformedResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The default run body, for codecs that read whole bodies only. */
class RunBodyTest {
  @Test
  void keepsEveryByteOfEveryChunkInOrder() throws IOException {
    RunBody body = RunBody.whole(10);
    ByteBuffer direct = ByteBuffer.allocateDirect(3);
    direct.put(new byte[] {4, 5, 6}).flip();

    body.write(ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9}, 1, 3));
    body.write(direct);

    assertThat(body.kept()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(direct.hasRemaining()).as("the chunk is consumed").isFalse();
  }

  @Test
  void keepsABodyOfExactlyTheBoundAndRefusesOneByteMoreSayingWhatToRaise() throws IOException {
    RunBody body = RunBody.whole(4);
    body.write(ByteBuffer.wrap(new byte[4]));

    assertThat(body.kept()).hasSize(4);
    assertThatThrownBy(() -> body.write(ByteBuffer.wrap(new byte[1])))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("larger than 4 bytes")
        .hasMessageContaining("raise maxResponseBytes");
  }

  @Test
  void growsPastItsFirstBufferForALargeBound() throws IOException {
    RunBody body = RunBody.whole(1 << 20);
    for (int i = 0; i < 100; i++) {
      body.write(ByteBuffer.wrap(new byte[1000]));
    }

    assertThat(body.kept()).hasSize(100_000);
  }

  @Test
  void refusesABoundThatIsNotPositive() {
    assertThatThrownBy(() -> RunBody.whole(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes must be positive, but was 0");
  }
}
