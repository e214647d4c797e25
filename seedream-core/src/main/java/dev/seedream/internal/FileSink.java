package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.DownloadException;
import dev.seedream.RunId;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The part file that one image streams into, and the checks on the way: at most {@code maxBytes}
 * (a declared {@code Content-Length} above it is refused before the body is read), and an image,
 * recognised by its first bytes or an {@code image/*} Content-Type. Every refusal and every local
 * write error is a {@link DownloadException}, which the transports pass on unchanged and the engine
 * does not retry; a write stopped by cancellation is a {@link CancelledException}.
 *
 * <p>Blocking writes for blocking transports; writes handed to the engine's executor for
 * non-blocking transports, so that no event-loop thread touches the disk.
 */
final class FileSink implements BodySink {
  /** Told how many bytes have been written so far, and the declared total or -1. */
  @FunctionalInterface
  interface Progress {
    void update(long bytesSoFar, long total);
  }

  private final PartFiles.PartFile part;
  private final FileChannel channel;
  private final Executor executor;
  private final Progress progress;
  private final long maxBytes;
  private final RunId runId;
  private final String what;
  /** The first bytes: enough to recognise the type, and to show in a message what came instead. */
  private final byte[] head = new byte[32];
  private int headLength;
  private long written;
  private long declared = -1;
  private int status;
  private String contentType;
  private boolean begun;
  private String extension;
  /** Set by {@link #reset()}: the file is emptied by the next write, on the writing thread. */
  private boolean emptyFirst;

  /**
   * @param what {@code "image 1 of run run_x from https://cdn.example/a.png"}, for messages
   */
  FileSink(PartFiles.PartFile part, long maxBytes, RunId runId, String what, Executor executor, Progress progress) {
    this.part = part;
    this.channel = part.channel();
    this.maxBytes = maxBytes;
    this.runId = runId;
    this.what = what;
    this.executor = executor;
    this.progress = progress;
  }

  /**
   * Starts over, for a new attempt. Touches no file: the next write empties it, on the thread that
   * writes (the engine's, never a scheduler's or an event loop's).
   */
  synchronized void reset() {
    emptyFirst = true;
    written = 0;
    headLength = 0;
    declared = -1;
    status = 0;
    contentType = null;
    begun = false;
    extension = null;
  }

  /** Refuses, before any of the body is read, an answer that declares more than {@code maxBytes}. */
  @Override
  public synchronized void begin(HttpResponse answer) {
    begun = true;
    status = answer.status();
    contentType = answer.header("Content-Type").orElse(null);
    declared = declaredLength(answer);
    if (declared > maxBytes) {
      throw tooLarge("it declares " + declared + " bytes");
    }
  }

  @Override
  public synchronized void write(ByteBuffer chunk) {
    int length = chunk.remaining();
    if (written + length > maxBytes) {
      throw tooLarge("more came");
    }
    if (extension == null && headLength < head.length) {
      ByteBuffer peek = chunk.duplicate();
      int take = Math.min(peek.remaining(), head.length - headLength);
      peek.get(head, headLength, take);
      headLength += take;
      if (headLength >= ImageTypes.SNIFF_BYTES) {
        decide(false);
      }
    }
    try {
      if (emptyFirst) {
        channel.truncate(0);
        channel.position(0);
        emptyFirst = false;
      }
      while (chunk.hasRemaining()) {
        written += channel.write(chunk);
      }
    } catch (IOException e) {
      throw writeFailed(e);
    }
    progress.update(written, declared);
  }

  /** The sink for a non-blocking transport: each chunk written on the executor. */
  AsyncBodySink async() {
    return new AsyncBodySink() {
      @Override
      public void begin(HttpResponse answer) {
        FileSink.this.begin(answer);
      }

      @Override
      public CompletionStage<Void> write(ByteBuffer chunk) {
        try {
          return CompletableFuture.runAsync(() -> FileSink.this.write(chunk), executor);
        } catch (RejectedExecutionException e) {
          return CompletableFuture.failedFuture(new CancelledException("the client was closed", runId, e));
        }
      }
    };
  }

  synchronized long written() {
    return written;
  }

  /**
   * Checks, once the whole body has arrived, that it is an image, forces its bytes to disk and closes
   * the file.
   *
   * @param answerContentType the Content-Type of the answer, for a transport that did not call {@link #begin}
   * @return the extension the file gets
   */
  synchronized String finish(String answerContentType) {
    if (!begun) {
      contentType = answerContentType;
    }
    if (written == 0) {
      throw new DownloadException(what + " has an empty body, not an image: get the run again for fresh output URLs",
          runId, status, null);
    }
    if (extension == null) {
      decide(true);
    }
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw writeFailed(e);
    }
    return extension;
  }

  /** Closes and deletes the part file; never throws. Safe from any thread, while a write is under way too. */
  void discard() {
    part.delete();
  }

  PartFiles.PartFile part() {
    return part;
  }

  private void decide(boolean complete) {
    String sniffed = ImageTypes.fromBytes(head, headLength);
    if (sniffed != null) {
      extension = sniffed;
      return;
    }
    if (!begun && !complete) {
      return; // the Content-Type comes with the answer, at the end
    }
    String typed = ImageTypes.fromContentType(contentType);
    if (typed == null) {
      throw new DownloadException(
          what + " is not an image: its Content-Type is "
              + (contentType == null ? "missing" : "'" + Texts.printable(contentType) + "'")
              + " and its first bytes are '" + ImageTypes.describe(head, headLength) + "'"
              + " (a page of a proxy or of the image host, say): get the run again for fresh output URLs,"
              + " or check what answers at that address",
          runId, status, null);
    }
    extension = typed;
  }

  private DownloadException tooLarge(String detail) {
    return new DownloadException(
        what + " is larger than maxImageBytes, " + maxBytes + " bytes (" + detail + "): raise maxImageBytes(..)"
            + " on the client builder if images this large are expected",
        runId, status, null);
  }

  private RuntimeException writeFailed(IOException e) {
    if (e instanceof ClosedChannelException) {
      // closed by discard() or by an interrupt: the download was cancelled
      return new CancelledException("the download of " + what + " was cancelled", runId, e);
    }
    return new DownloadException(
        "cannot write " + what + " to " + part.path().getParent() + ": " + e.getMessage()
            + " (free some space, or download into another directory)",
        runId, 0, e);
  }

  private static long declaredLength(HttpResponse answer) {
    String value = answer.header("Content-Length").orElse(null);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
