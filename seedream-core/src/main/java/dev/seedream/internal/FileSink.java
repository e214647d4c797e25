package dev.seedream.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * A file that a download streams into. Blocking writes for blocking transports; writes handed to
 * the engine's executor for non-blocking transports, so that no event-loop thread touches the disk.
 */
final class FileSink implements AutoCloseable {
  private final FileChannel channel;
  private final Executor executor;
  private final LongConsumer progress;
  private long written;

  FileSink(Path file, Executor executor, LongConsumer progress) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    this.executor = executor;
    this.progress = progress;
  }

  /** Starts over, for a new attempt. */
  synchronized void reset() throws IOException {
    channel.truncate(0);
    channel.position(0);
    written = 0;
  }

  synchronized void write(ByteBuffer chunk) throws IOException {
    while (chunk.hasRemaining()) {
      written += channel.write(chunk);
    }
    progress.accept(written);
  }

  CompletionStage<Void> writeAsync(ByteBuffer chunk) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            write(chunk);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        executor);
  }

  synchronized long written() {
    return written;
  }

  /** Forces the bytes to disk and closes the file. */
  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      try {
        channel.force(false);
      } finally {
        channel.close();
      }
    }
  }
}
