package dev.seedream.spi;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a non-blocking transport streams a downloaded body. The transport passes the next chunk
 * only once the stage of the previous one has completed, which bounds the memory in use. A transport
 * may gather the chunks that arrived while a write was under way into one {@link #write(List)}.
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

  /**
   * Consumes several chunks, in order, as one write; the stage completes when the bytes of all of
   * them are written and the buffers may be reused. A transport calls it with the chunks read while
   * the previous stage was running, so that a sink can write them together (one hand-off to another
   * thread, one gathering write to a file) instead of one at a time. Must not block the calling
   * thread. The default writes them one after the other with {@link #write(ByteBuffer)}.
   *
   * @since 0.1.0
   */
  default CompletionStage<Void> write(List<ByteBuffer> chunks) {
    CompletionStage<Void> all = CompletableFuture.completedStage(null);
    for (ByteBuffer chunk : chunks) {
      all = all.thenCompose(ignored -> write(chunk));
    }
    return all;
  }
}
