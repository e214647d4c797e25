package dev.seedream.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Where a non-blocking transport streams a downloaded body. The transport passes the next chunk
 * only once the stage of the previous one has completed, which bounds the memory in use.
 */
@FunctionalInterface
public interface AsyncBodySink {
  /**
   * Consumes a chunk; the stage completes when the chunk's bytes are written and the buffer may be
   * reused. Must not block the calling thread.
   */
  CompletionStage<Void> write(ByteBuffer chunk);
}
