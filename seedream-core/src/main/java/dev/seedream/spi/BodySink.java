package dev.seedream.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a blocking transport streams a downloaded body, chunk by chunk, in constant memory.
 *
 * <p>A sink may refuse a body by throwing a {@link dev.seedream.SeedreamException} from {@link
 * #begin} or {@link #write} (an image too large, not an image, a full disk): the transport passes
 * that exception on unchanged, reads no more of the body and discards the connection.
 */
@FunctionalInterface
public interface BodySink {
  /**
   * Told the status and headers of a 2xx answer (its body empty) before the first chunk, so that
   * the sink can refuse the body before it is read. The default accepts every answer.
   */
  default void begin(HttpResponse head) {}

  /** Consumes the bytes between the buffer's position and limit before returning. */
  void write(ByteBuffer chunk) throws IOException;
}
