package dev.seedream.transport.reactor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.AsyncBodySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.publisher.TestPublisher;

/** How the buffers of a body are gathered into writes of a sink, driven one signal at a time. */
class GatheredWritesTest {
  private final TestPublisher<ByteBuf> body = TestPublisher.create();
  private final Sink sink = new Sink();
  private final List<ByteBuf> buffers = new ArrayList<>();
  private final AtomicReference<Object> outcome = new AtomicReference<>();

  /** The writes the sink was asked for: the text of each chunk, and the stage it answered. */
  private static final class Sink implements AsyncBodySink {
    final List<List<String>> writes = new ArrayList<>();
    final List<CompletableFuture<Void>> stages = new ArrayList<>();
    RuntimeException throwing;

    @Override
    public CompletionStage<Void> write(ByteBuffer chunk) {
      return write(List.of(chunk));
    }

    @Override
    public CompletionStage<Void> write(List<ByteBuffer> chunks) {
      if (throwing != null) {
        throw throwing;
      }
      List<String> texts = new ArrayList<>();
      chunks.forEach(chunk -> texts.add(StandardCharsets.US_ASCII.decode(chunk.duplicate()).toString()));
      writes.add(texts);
      CompletableFuture<Void> stage = new CompletableFuture<>();
      stages.add(stage);
      return stage;
    }

    void completeWrite(int index) {
      stages.get(index).complete(null);
    }
  }

  private Disposable start(long maxGatheredBytes) {
    return start(new GatheredWrites(sink, maxGatheredBytes));
  }

  private Disposable start(GatheredWrites writes) {
    return writes.write(body.flux()).subscribe(
        ignored -> {}, error -> outcome.set(error), () -> outcome.set("complete"));
  }

  /** Emits a buffer as Reactor Netty does: released once it has been delivered. */
  private void emit(String text) {
    ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    buffers.add(buffer);
    body.next(buffer);
    buffer.release();
  }

  private void assertAllReleased() {
    assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
  }

  @Test
  void buffersThatArriveDuringAWriteGoTogetherIntoTheNextOne() {
    start(1024);
    emit("a");
    emit("b");
    emit("c");

    assertThat(sink.writes).containsExactly(List.of("a"));
    sink.completeWrite(0);
    assertThat(sink.writes).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(buffers.get(0).refCnt()).as("written and released").isZero();
    assertThat(buffers.get(1).refCnt()).as("kept while its write runs").isOne();

    emit("d");
    body.complete();
    assertThat(outcome.get()).as("not complete while writes are left").isNull();
    sink.completeWrite(1);
    assertThat(sink.writes).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    assertThat(outcome.get()).isNull();
    sink.completeWrite(2);

    assertThat(outcome.get()).isEqualTo("complete");
    assertAllReleased();
  }

  @Test
  void nothingMoreIsRequestedOnceTheBoundIsWaitingUntilTheWriteUnderWayEnds() {
    start(8);
    body.assertMinRequested(GatheredWrites.REQUEST_BATCH);
    emit("first");
    emit("xxxx");
    emit("xxxx"); // 8 bytes wait while "first" is written: the bound
    int stillAllowed = GatheredWrites.REQUEST_BATCH - 3;
    for (int i = 0; i < stillAllowed; i++) {
      emit("y"); // asked for before the bound was reached
    }

    body.assertMaxRequested(0);
    assertThat(sink.writes).hasSize(1);
    assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isOne());

    sink.completeWrite(0);

    body.assertMinRequested(1);
    assertThat(sink.writes.get(1)).hasSize(2 + stillAllowed).startsWith("xxxx", "xxxx");
    body.complete();
    sink.completeWrite(1);
    assertThat(outcome.get()).isEqualTo("complete");
    assertAllReleased();
  }

  @Test
  void aBrokenBodyFailsOnlyOnceTheWriteUnderWayHasEndedAndWhatWaitsIsNeverWritten() {
    start(1024);
    emit("a");
    emit("b");
    IOException reset = new IOException("Connection reset by peer");

    body.error(reset);

    assertThat(outcome.get()).as("a retry could start while 'a' is still being written").isNull();
    sink.completeWrite(0);
    assertThat(outcome.get()).isSameAs(reset);
    assertThat(sink.writes).containsExactly(List.of("a"));
    assertAllReleased();
  }

  @Test
  void aTruncatedBodyIsNotASuccess() {
    start(1024);
    emit("a");
    IOException premature = new IOException("Connection prematurely closed DURING response");

    body.error(premature);
    sink.completeWrite(0);

    assertThat(outcome.get()).isSameAs(premature);
  }

  @Test
  void idleWaitsForTheWriteUnderWayAfterTheReadingWasCancelled() {
    GatheredWrites writes = new GatheredWrites(sink, 1024);
    Disposable subscription = start(writes);
    emit("a");
    emit("b");

    subscription.dispose(); // a timeout cancels the reading like this
    AtomicReference<String> idle = new AtomicReference<>();
    writes.idle().subscribe(null, null, () -> idle.set("idle"));

    body.assertCancelled();
    assertThat(idle.get()).isNull();
    assertThat(buffers.get(0).refCnt()).as("still being written").isOne();
    assertThat(buffers.get(1).refCnt()).as("never written: released at once").isZero();
    sink.completeWrite(0);
    assertThat(idle.get()).isEqualTo("idle");
    assertThat(sink.writes).containsExactly(List.of("a"));
    assertAllReleased();
  }

  @Test
  void aCancelAfterTheBodyEndedReleasesEachBufferOnceAndStartsNoWrite() {
    Disposable subscription = start(1024);
    emit("a");
    emit("b");
    body.complete();

    subscription.dispose();
    subscription.dispose();
    sink.completeWrite(0);

    assertThat(sink.writes).containsExactly(List.of("a"));
    assertThat(outcome.get()).isNull();
    assertAllReleased();
  }

  @Test
  void aCancelAfterTheLastWriteChangesNothing() {
    Disposable subscription = start(1024);
    emit("a");
    body.complete();
    sink.completeWrite(0);
    assertThat(outcome.get()).isEqualTo("complete");

    subscription.dispose();

    assertThat(sink.writes).containsExactly(List.of("a"));
    assertAllReleased();
  }

  @Test
  void aFailedWriteFailsWithTheSinksErrorReleasesWhatWaitsAndStopsTheReading() {
    start(1024);
    emit("a");
    emit("b");
    IOException diskFull = new IOException("No space left on device");

    sink.stages.get(0).completeExceptionally(diskFull);

    assertThat(outcome.get()).isInstanceOf(SinkFailure.class);
    assertThat(((Throwable) outcome.get()).getCause()).isSameAs(diskFull);
    body.assertCancelled();
    assertThat(sink.writes).hasSize(1);
    assertAllReleased();
  }

  @Test
  void aSinkThatThrowsFailsWithThatExceptionAndReleasesTheBuffer() {
    IllegalStateException closed = new IllegalStateException("sink closed");
    sink.throwing = closed;
    start(1024);

    emit("a");

    assertThat(((Throwable) outcome.get()).getCause()).isSameAs(closed);
    body.assertCancelled();
    assertAllReleased();
  }

  @Test
  void anEmptyBodyCompletesWithoutWriting() {
    start(1024);
    body.complete();

    assertThat(outcome.get()).isEqualTo("complete");
    assertThat(sink.writes).isEmpty();
  }
}
