package dev.seedream.internal;

import dev.seedream.CancelledException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hidden part files of the downloads in progress, of every client in the JVM. Each is created
 * here and forgotten once it is renamed into place or deleted. One shutdown hook, registered with
 * the first part file, deletes those still in progress when the JVM exits (SIGINT, SIGTERM, {@code
 * System.exit}); once it has begun, no new part file is created.
 */
final class PartFiles {
  private static final Object LOCK = new Object();
  private static final Set<PartFile> IN_PROGRESS = new HashSet<>();
  private static boolean hookRegistered;
  private static boolean shuttingDown;

  private PartFiles() {}

  /**
   * A new, empty, uniquely named part file {@code <prefix><random>.part} in {@code directory}, open
   * for writing. Unlike {@code Files.createTempFile}, it gets the default permissions, so that the
   * image ends up as readable as any other file the user writes there.
   *
   * @throws CancelledException once the JVM is shutting down
   */
  static PartFile create(Path directory, String prefix) throws IOException {
    synchronized (LOCK) {
      if (shuttingDown || !registerHookOnce()) {
        throw new CancelledException("the JVM is shutting down: no image is downloaded any more", null, null);
      }
      for (int attempt = 0; ; attempt++) {
        Path path = directory.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
        try {
          FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          PartFile part = new PartFile(path, channel);
          IN_PROGRESS.add(part);
          return part;
        } catch (FileAlreadyExistsException e) {
          if (attempt == 10) {
            throw e;
          }
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(path);
          throw e;
        }
      }
    }
  }

  /** How many part files are in progress in this JVM; for tests. */
  static int inProgress() {
    synchronized (LOCK) {
      return IN_PROGRESS.size();
    }
  }

  private static boolean registerHookOnce() {
    if (hookRegistered) {
      return true;
    }
    try {
      Thread hook = new Thread(PartFiles::deleteAllForShutdown, "seedream-part-file-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      hookRegistered = true;
      return true;
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
      shuttingDown = true;
      return false;
    }
  }

  private static void deleteAllForShutdown() {
    List<PartFile> left;
    synchronized (LOCK) {
      shuttingDown = true;
      left = new ArrayList<>(IN_PROGRESS);
      IN_PROGRESS.clear();
    }
    left.forEach(PartFile::closeAndDelete);
  }

  /** One part file and the channel that writes it. */
  static final class PartFile {
    private final Path path;
    private final FileChannel channel;

    private PartFile(Path path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    Path path() {
      return path;
    }

    FileChannel channel() {
      return channel;
    }

    /** Closes the channel if still open, deletes the file if still there, and forgets it; never throws. */
    void delete() {
      forget();
      closeAndDelete();
    }

    /** Forgets the file, once it has been renamed into place. */
    void forget() {
      synchronized (LOCK) {
        IN_PROGRESS.remove(this);
      }
    }

    private void closeAndDelete() {
      try {
        channel.close();
      } catch (IOException e) {
        // deleted next all the same
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // best effort: nothing else can be done with it
      }
    }
  }
}
