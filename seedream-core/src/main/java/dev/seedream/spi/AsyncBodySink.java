package dev.seedream.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Where a non-blocking transport streams a downloaded body. The transport passes the next chunk
 * only once the stage of the previous one has completed, which bounds the memory in use.
 *
 * <p>A sink may refuse a body by throwing a {@link dev.seedream.SeedreamException} from {@link
 * #begin}, or by failing a stage of {@link #write} with one: the transport completes its future
 * with that exception unchanged, reads no more of the body and discards the connection.
 */
@FunctionalInterface
public interface AsyncBodySink {
  /**
   * Told the status and headers of a 2xx answer (its body empty) before the first chunk, so that
   * the sink can refuse the body before it is read. Must not block. The default accepts every answer.
   */
  default void begin(HttpResponse head) {}

  /**
   * Consumes a chunk; the stage completes when the chunk's bytes are written and the buffer may be
   * reused. Must not block the calling thread.
   */
  CompletionStage<Void> write(ByteBuffer chunk);
}
