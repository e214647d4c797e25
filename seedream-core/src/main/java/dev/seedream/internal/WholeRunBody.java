package dev.seedream.internal;

import dev.seedream.MalformedResponseException;
import dev.seedream.spi.RunBody;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A {@link RunBody} that keeps every byte of the body, up to a bound. */
public final class WholeRunBody implements RunBody {
  private final long maxBytes;
  private byte[] bytes = new byte[1024];
  private int length;

  /**
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public WholeRunBody(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, but was " + maxBytes);
    }
    this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 8);
  }

  @Override
  public void write(ByteBuffer chunk) {
    int count = chunk.remaining();
    if ((long) length + count > maxBytes) {
      throw new MalformedResponseException(
          "the answer body is larger than " + maxBytes + " bytes, the most kept of an answer (maxResponseBytes):"
              + " raise maxResponseBytes on the client builder if such answers are expected");
    }
    if (length + count > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max((long) bytes.length * 2, length + count), maxBytes));
    }
    chunk.get(bytes, length, count);
    length += count;
  }

  @Override
  public byte[] kept() {
    return Arrays.copyOf(bytes, length);
  }
}
