package dev.seedream.internal;

import dev.seedream.ImageInfo;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the bytes of one image go once {@link ImageBody} has checked them: a part file, a caller's
 * stream, memory. Called on the engine's executor, one call at a time, except {@link #discard()}.
 */
interface ImageOutput {
  /**
   * Called once before the first bytes, when the type is known from them or the Content-Type; with
   * {@code info} null when neither said it before the end (an output that needs the type first
   * refuses that).
   */
  void open(ImageInfo info) throws IOException;

  /** Writes every remaining byte of the chunk. */
  void write(ByteBuffer chunk) throws IOException;

  /** Writes every remaining byte of the chunks, in order; a file writes them with one gathering write. */
  default void write(ByteBuffer[] chunks) throws IOException {
    for (ByteBuffer chunk : chunks) {
      write(chunk);
    }
  }

  /** Whether a new attempt may start over once bytes have been written. */
  boolean canRestart();

  /** Starts over for a new attempt: what was written is dropped. */
  void restart() throws IOException;

  /** The image is whole and checked: make it durable and close. */
  void finish(ImageInfo info) throws IOException;

  /** Closes and drops what was written; never throws; safe from any thread, while a write is under way too. */
  void discard(Throwable cause);

  /** Where the bytes go, for a message: {@code "/tmp/out"}, {@code "the sink"}. */
  String where();
}
