package dev.seedream.internal;

import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;

/** The outputs of a download: a part file, a caller's {@link ImageSink}, memory. */
final class ImageOutputs {
  private ImageOutputs() {}

  /** A refusal of the output itself (too much in memory, a type it needs and did not get); not retried. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** Into a hidden part file, renamed into place by the directory download once all images are there. */
  static final class PartFileOutput implements ImageOutput {
    private final PartFiles.PartFile part;
    private final FileChannel channel;

    PartFileOutput(PartFiles.PartFile part) {
      this.part = part;
      this.channel = part.channel();
    }

    PartFiles.PartFile part() {
      return part;
    }

    @Override
    public void open(ImageInfo info) {}

    @Override
    public void write(ByteBuffer chunk) throws IOException {
      while (chunk.hasRemaining()) {
        channel.write(chunk);
      }
    }

    @Override
    public void write(ByteBuffer[] chunks) throws IOException {
      int first = 0;
      while (first < chunks.length) {
        channel.write(chunks, first, chunks.length - first);
        while (first < chunks.length && !chunks[first].hasRemaining()) {
          first++;
        }
      }
    }

    @Override
    public boolean canRestart() {
      return true;
    }

    @Override
    public void restart() throws IOException {
      channel.truncate(0);
      channel.position(0);
    }

    @Override
    public void finish(ImageInfo info) throws IOException {
      channel.force(false);
      channel.close();
    }

    @Override
    public void discard(Throwable cause) {
      part.delete();
    }

    @Override
    public String where() {
      return String.valueOf(part.path().getParent());
    }
  }

  /** Into the stream a caller's sink opens once the type is known. */
  static final class SinkOutput implements ImageOutput {
    private final ImageSink sink;
    private ImageInfo info;
    private volatile OutputStream stream;
    private boolean done;

    SinkOutput(ImageSink sink) {
      this.sink = sink;
    }

    /** What the sink was told of the image; null until it was opened. */
    synchronized ImageInfo info() {
      return info;
    }

    @Override
    public void open(ImageInfo image) throws IOException {
      if (image == null) {
        throw new Refused("its type is not known from its first bytes, and the transport gave no Content-Type"
            + " before the body, so it cannot go to a sink: download it into a directory");
      }
      OutputStream opened = sink.open(image);
      if (opened == null) {
        throw new IOException("the sink opened no stream (null) for " + image);
      }
      synchronized (this) {
        info = image;
        stream = opened;
      }
    }

    @Override
    public void write(ByteBuffer chunk) throws IOException {
      OutputStream out = stream;
      if (chunk.hasArray()) {
        out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        chunk.position(chunk.limit());
      } else {
        byte[] buffer = new byte[Math.min(chunk.remaining(), 64 * 1024)];
        while (chunk.hasRemaining()) {
          int n = Math.min(buffer.length, chunk.remaining());
          chunk.get(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
    }

    @Override
    public boolean canRestart() {
      return false;
    }

    @Override
    public void restart() {}

    @Override
    public void finish(ImageInfo image) throws IOException {
      OutputStream out = stream;
      synchronized (this) {
        done = true;
      }
      out.close();
    }

    @Override
    public void discard(Throwable cause) {
      ImageInfo opened;
      OutputStream out;
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        opened = info;
        out = stream;
      }
      if (out == null) {
        return;
      }
      try {
        out.close();
      } catch (IOException | RuntimeException e) {
        // the image failed already: nothing more to say about its stream
      }
      try {
        sink.failed(opened, cause);
      } catch (RuntimeException e) {
        // a sink that throws from failed() changes nothing
      }
    }

    @Override
    public String where() {
      return "the sink";
    }
  }

  /** Into memory, within a bound shared by every image of one call. */
  static final class MemoryOutput implements ImageOutput {
    private final AtomicLong budget;
    private final long total;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** @param budget what is left of {@code total} for this call; shared by its images */
    MemoryOutput(AtomicLong budget, long total) {
      this.budget = budget;
      this.total = total;
    }

    @Override
    public void open(ImageInfo info) {}

    @Override
    public synchronized void write(ByteBuffer chunk) throws IOException {
      int n = chunk.remaining();
      if (budget.addAndGet(-n) < 0) {
        budget.addAndGet(n);
        throw new Refused("the images of one downloadBytes(..) hold at most " + total + " bytes in memory,"
            + " and this one goes past that: download large images into a directory or a sink");
      }
      byte[] buffer = new byte[n];
      chunk.get(buffer);
      bytes.write(buffer, 0, n);
    }

    @Override
    public boolean canRestart() {
      return true;
    }

    @Override
    public synchronized void restart() {
      budget.addAndGet(bytes.size());
      bytes.reset();
    }

    @Override
    public void finish(ImageInfo info) {}

    @Override
    public synchronized void discard(Throwable cause) {
      budget.addAndGet(bytes.size());
      bytes.reset();
    }

    synchronized ImageBytes image(ImageInfo info) {
      return ImageBytes.of(info, bytes.toByteArray());
    }

    @Override
    public String where() {
      return "memory";
    }
  }
}
