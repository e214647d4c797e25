package dev.seedream.internal;

import dev.seedream.DownloadException;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import dev.seedream.RunId;
import dev.seedream.SeedreamListener;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/** The destinations of a download: a directory, a caller's sink, memory. */
final class Destinations {
  private Destinations() {}

  /**
   * Into a directory: each image into a hidden part file, all moved to {@code <run id>-<n>.<ext>}
   * once every one has arrived.
   */
  static final class Directory implements Destination<Path> {
    private final Path directory;
    private final SeedreamListener listener;

    Directory(Path directory, SeedreamListener listener) {
      this.directory = directory;
      this.listener = listener;
    }

    @Override
    public void prepare(RunId runId) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new DownloadException("cannot create the directory " + directory + ": " + e.getMessage(), runId, 0, e);
      }
    }

    @Override
    public ImageOutput output(RunId runId, int index) {
      String prefix = "." + Texts.fileSafe(runId.value()) + "-" + (index + 1) + "-";
      try {
        return new ImageOutputs.PartFileOutput(PartFiles.create(directory, prefix));
      } catch (IOException e) {
        throw new DownloadException("cannot write into " + directory + ": " + e.getMessage()
            + " (free some space, or download into another directory)", runId, 0, e);
      }
    }

    @Override
    public Path complete(RunId runId, Arrived image) {
      PartFiles.PartFile part = ((ImageOutputs.PartFileOutput) image.body().output()).part();
      Path file = directory.resolve(image.info().fileName());
      try {
        try {
          Files.move(part.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part.path(), file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new DownloadException("cannot write " + file + ": " + e.getMessage(), runId, 0, e);
      }
      part.forget();
      long bytes = image.body().written();
      Listeners.safely(() -> listener.downloaded(runId, file, bytes));
      return file;
    }
  }

  /** Into the streams a caller's sink opens, one image after the other. */
  static final class Sink implements Destination<ImageInfo> {
    private final ImageSink sink;

    Sink(ImageSink sink) {
      this.sink = sink;
    }

    @Override
    public void prepare(RunId runId) {}

    @Override
    public ImageOutput output(RunId runId, int index) {
      return new ImageOutputs.SinkOutput(sink);
    }

    @Override
    public ImageInfo complete(RunId runId, Arrived image) {
      return image.info();
    }
  }

  /** Into memory, every image of the call within one bound. */
  static final class Memory implements Destination<ImageBytes> {
    private final long total;
    private final AtomicLong left;

    Memory(long total) {
      this.total = total;
      this.left = new AtomicLong(total);
    }

    @Override
    public void prepare(RunId runId) {}

    @Override
    public ImageOutput output(RunId runId, int index) {
      return new ImageOutputs.MemoryOutput(left, total);
    }

    @Override
    public ImageBytes complete(RunId runId, Arrived image) {
      return ((ImageOutputs.MemoryOutput) image.body().output()).image(image.info());
    }
  }
}
