package dev.seedream.testkit.contract;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Waits for the files of a directory to be as a test expects, woken by the file system's events. */
final class DirectoryWatch {
  private DirectoryWatch() {}

  /** The names of the files in {@code dir} (hidden ones too), sorted; empty if it does not exist. */
  static List<String> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  /** Waits until the names of the files in {@code dir}, which is created if missing, satisfy {@code expected}. */
  static void awaitUntil(Path dir, Predicate<List<String>> expected, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
      long end = System.nanoTime() + timeout.toNanos();
      while (!expected.test(files(dir))) {
        long left = end - System.nanoTime();
        var key = left > 0 ? watcher.poll(left, TimeUnit.NANOSECONDS) : null;
        if (key == null) {
          throw new AssertionError("the files of " + dir + " were not as expected within " + timeout + ": " + files(dir));
        }
        key.pollEvents();
        key.reset();
      }
    }
  }
}
