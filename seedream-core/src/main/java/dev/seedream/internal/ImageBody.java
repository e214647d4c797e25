package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.DownloadException;
import dev.seedream.ImageInfo;
import dev.seedream.RunId;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The body of one downloaded image, and the checks on the way to its {@link ImageOutput}: at most
 * {@code maxBytes} (a declared {@code Content-Length} above it is refused before the body is read),
 * and an image, recognised by its first bytes or an {@code image/*} Content-Type. The first bytes
 * are held until the type is known, so that the output is opened knowing it. Every refusal and
 * every local write error is a {@link DownloadException}, which the transports pass on unchanged
 * and the engine does not retry; a write stopped by cancellation is a {@link CancelledException}.
 *
 * <p>Blocking writes for blocking transports; writes handed to the engine's executor for
 * non-blocking transports, so that no event-loop thread touches the disk or a caller's stream.
 */
final class ImageBody implements BodySink {
  /** Told how many bytes have been written so far, and the declared total or -1. */
  @FunctionalInterface
  interface Progress {
    void update(long bytesSoFar, long total);
  }

  private final ImageOutput output;
  private final Executor executor;
  private final Progress progress;
  private final long maxBytes;
  private final RunId runId;
  private final int index;
  private final String what;
  /** The first bytes: enough to recognise the type, and to show in a message what came instead. */
  private final byte[] head = new byte[32];
  private int headLength;
  /** How many bytes of {@link #head} were held back before the output was opened. */
  private int held;
  private long written;
  private long declared = -1;
  private int status;
  private String contentType;
  private boolean begun;
  private ImageInfo info;
  private boolean opened;
  /** Set by {@link #reset()}: the output starts over at the next write, on the writing thread. */
  private boolean restartFirst;
  /** The attempt whose writes are taken: a write of an earlier one, still queued when a new one began, is refused. */
  private int attempt;

  /**
   * @param what {@code "image 1 of run run_x from https://cdn.example/a.png"}, for messages
   */
  ImageBody(ImageOutput output, long maxBytes, RunId runId, int index, String what, Executor executor, Progress progress) {
    this.output = output;
    this.maxBytes = maxBytes;
    this.runId = runId;
    this.index = index;
    this.what = what;
    this.executor = executor;
    this.progress = progress;
  }

  /**
   * Starts over, for a new attempt. Touches no file or stream: the next write starts the output
   * over, on the thread that writes (the engine's, never a scheduler's or an event loop's).
   *
   * @throws DownloadException if bytes already went to an output that cannot take them back
   */
  synchronized void reset() {
    if (opened && !output.canRestart()) {
      throw new DownloadException(what + " failed after its first bytes went to " + output.where()
          + ", so it is not fetched again: download the run again", runId, status, null);
    }
    restartFirst = opened || restartFirst;
    attempt++;
    opened = false;
    written = 0;
    headLength = 0;
    held = 0;
    declared = -1;
    status = 0;
    contentType = null;
    begun = false;
    info = null;
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
    write(List.of(chunk));
  }

  /** Writes the chunks in order; those after the type is known go to the output in one gathering write. */
  synchronized void write(List<ByteBuffer> chunks) {
    long length = 0;
    for (ByteBuffer chunk : chunks) {
      length += chunk.remaining();
    }
    if (written + length > maxBytes) {
      throw tooLarge("more came");
    }
    try {
      if (restartFirst) {
        output.restart();
        restartFirst = false;
      }
      int first = 0;
      while (!opened && first < chunks.size()) {
        hold(chunks.get(first++));
      }
      if (opened && first < chunks.size()) {
        List<ByteBuffer> rest = chunks.subList(first, chunks.size());
        long before = 0;
        for (ByteBuffer chunk : rest) {
          peek(chunk);
          before += chunk.remaining();
        }
        // one chunk goes as it is; several in one gathering write
        if (rest.size() == 1) {
          output.write(rest.get(0));
        } else {
          output.write(rest.toArray(new ByteBuffer[0]));
        }
        written += before;
      }
    } catch (IOException e) {
      throw writeFailed(e);
    }
    progress.update(written, declared);
  }

  /** Keeps the first bytes of a chunk until the type is known, then opens the output and writes the rest. */
  private void hold(ByteBuffer chunk) throws IOException {
    peek(chunk);
    int hold = Math.min(chunk.remaining(), headLength - held);
    chunk.position(chunk.position() + hold);
    held += hold;
    written += hold;
    if (held >= ImageTypes.SNIFF_BYTES) {
      decide(false);
      open();
    }
    if (opened && chunk.hasRemaining()) {
      long before = chunk.remaining();
      output.write(chunk);
      written += before;
    }
  }

  /** Copies what {@link #head} still lacks from the chunk, leaving it as it is. */
  private void peek(ByteBuffer chunk) {
    if (headLength < head.length && chunk.hasRemaining()) {
      ByteBuffer view = chunk.duplicate();
      int take = Math.min(view.remaining(), head.length - headLength);
      view.get(head, headLength, take);
      headLength += take;
    }
  }

  /** Writes the chunks for the given attempt, unless a newer attempt has begun since. */
  private synchronized void write(int forAttempt, List<ByteBuffer> chunks) {
    if (forAttempt != attempt) {
      throw new CancelledException("a write of an earlier attempt of " + what + " came after the next attempt began",
          runId, null);
    }
    write(chunks);
  }

  /**
   * The sink of the current attempt for a non-blocking transport: each write (of one chunk or of
   * several gathered) is one task on the executor. A write that runs after {@link #reset()} began
   * another attempt fails instead of writing, so a late write of an earlier attempt never lands in
   * the output of the next.
   */
  synchronized AsyncBodySink async() {
    int forAttempt = attempt;
    return new AsyncBodySink() {
      @Override
      public void begin(HttpResponse answer) {
        ImageBody.this.begin(answer);
      }

      @Override
      public CompletionStage<Void> write(ByteBuffer chunk) {
        return write(List.of(chunk));
      }

      @Override
      public CompletionStage<Void> write(List<ByteBuffer> chunks) {
        return Blocking.submit(executor, () -> {
          ImageBody.this.write(forAttempt, chunks);
          return null;
        });
      }
    };
  }

  synchronized long written() {
    return written;
  }

  /**
   * Checks, once the whole body has arrived, that it is an image, and finishes the output.
   *
   * @param answerContentType the Content-Type of the answer, for a transport that did not call {@link #begin}
   * @return what the image is
   */
  synchronized ImageInfo finish(String answerContentType) {
    if (!begun) {
      contentType = answerContentType;
    }
    if (written == 0) {
      throw new DownloadException(what + " has an empty body, not an image: get the run again for fresh output URLs",
          runId, status, null);
    }
    if (declared >= 0 && written != declared) {
      // a transport should have failed the exchange; a short body is never taken for a whole image
      throw new DownloadException(what + " ended after " + written + " of the " + declared
          + " bytes its Content-Length declares (the connection closed early): download the run again",
          runId, status, null);
    }
    try {
      if (info == null) {
        decide(true);
      }
      if (!opened) {
        open();
      }
      output.finish(info);
    } catch (IOException e) {
      throw writeFailed(e);
    }
    return info;
  }

  /** Closes and drops the output; never throws. Safe from any thread, while a write is under way too. */
  void discard(Throwable cause) {
    output.discard(cause);
  }

  ImageOutput output() {
    return output;
  }

  /** Opens the output and writes the bytes held back. */
  private void open() throws IOException {
    output.open(info);
    opened = true;
    if (held > 0) {
      output.write(ByteBuffer.wrap(head, 0, held));
    }
  }

  /** Sets {@link #info} when the type is known; leaves it null when it may still come with the answer. */
  private void decide(boolean complete) {
    String sniffed = ImageTypes.mediaType(head, headLength);
    if (sniffed != null) {
      info = ImageInfo.of(runId, index, sniffed, ImageTypes.fromBytes(head, headLength), declared);
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
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    info = ImageInfo.of(runId, index, type, typed, declared);
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
    if (e instanceof ImageOutputs.Refused) {
      return new DownloadException(what + ": " + e.getMessage(), runId, status, null);
    }
    return new DownloadException(
        "cannot write " + what + " to " + output.where() + ": " + e.getMessage()
            + " (free some space, or download somewhere else)",
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
