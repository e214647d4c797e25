package dev.seedream.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes sure an output directory can take files before anything is sent: a run is billed when it is
 * created, so finding out at download time that {@code --out} is unusable is finding out too late.
 */
final class OutputDirectory {
  private OutputDirectory() {}

  /**
   * The directory {@code value} of {@code option}, created if missing, after writing and deleting a
   * probe file in it.
   *
   * @throws InputException naming the path when it is a file, lies under a file, or cannot be
   *     written (exit code 2; nothing has been sent)
   */
  static Path prepare(CliContext context, String option, String value) {
    Path directory = context.resolve(value);
    String shown = context.display(directory);
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new InputException(option + " " + shown + " is a file, not a directory: name a directory (it is created if missing)");
    }
    Path file = fileAbove(directory);
    if (file != null) {
      throw new InputException("cannot create " + option + " " + shown + ": " + context.display(file)
          + " is a file, not a directory: name a directory that is not under a file");
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new InputException("cannot create " + option + " " + shown + ": " + reason(e)
          + ": name a directory you can write in; nothing was sent");
    }
    Path probe = directory.resolve(".seedream-probe-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    try {
      Files.write(probe, new byte[] {0}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InputException("cannot write files into " + option + " " + shown + ": " + reason(e)
          + ": make it writable or name another directory; nothing was sent");
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        context.err().println("warning: could not remove the probe file " + context.display(probe) + ": " + reason(e));
      }
    }
    return directory;
  }

  /** The nearest existing ancestor of {@code directory} when it is not a directory; else null. */
  private static Path fileAbove(Path directory) {
    for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.exists(parent)) {
        return Files.isDirectory(parent) ? null : parent;
      }
    }
    return null;
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
