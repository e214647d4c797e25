package dev.seedream.testkit.contract;

import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.Bodies;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other JVM of the contract suite's tests of what a download leaves behind when its process
 * ends or cannot write: it starts a fake Runbase, builds a {@link SeedreamClient} with the transport
 * found on the classpath, generates one run and downloads it, and reports on standard output.
 *
 * <ul>
 *   <li>{@code interrupt DIR}: the image is answered only after a long delay; prints {@code
 *       DOWNLOADING} once the download's part file is in {@code DIR}, then waits to be killed.
 *   <li>{@code write-error DIR}: the image is 8 MiB; started with a small file size limit ({@code
 *       ulimit -f}), the write fails; prints {@code FAILED <exception class>}, {@code MESSAGE
 *       <message>} and {@code IMAGE_REQUESTS <count>}.
 * </ul>
 *
 * <p>Not for use on its own: {@link SeedreamClientContract} starts it.
 */
public final class DownloadChild {
  static final int LARGE_IMAGE_BYTES = 8 * 1024 * 1024;

  private DownloadChild() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: DownloadChild interrupt|write-error DIR");
    }
    Path directory = Path.of(args[1]);
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(0, 0)).start();
         SeedreamClient client = SeedreamClient.builder()
             .apiKey(fake.apiKey())
             .baseUrl(fake.baseUrl())
             .rateBudget(RateBudget.unlimited())
             .pollPolicy(SeedreamClientContract.FAST_POLLS)
             .build()) {
      Run run = client.generate(GenerationRequest.builder().prompt("a ceramic lamp").build());
      if (args[0].equals("interrupt")) {
        interrupt(fake, client, run, directory);
      } else if (args[0].equals("write-error")) {
        writeError(fake, client, run, directory);
      } else {
        throw new IllegalArgumentException("unknown mode " + args[0] + ": use interrupt or write-error");
      }
    }
  }

  private static void interrupt(FakeRunbase fake, SeedreamClient client, Run run, Path directory) throws Exception {
    fake.injectNext(Endpoint.IMAGE, 1, Failure.delay(Duration.ofMinutes(5)));
    Files.createDirectories(directory);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      Thread download = new Thread(() -> client.download(run, directory), "download");
      download.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!hasPartFile(directory)) {
        if (watcher.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS) == null) {
          System.out.println("NO PART FILE within 60 s");
          return;
        }
      }
      System.out.println("DOWNLOADING");
      System.out.flush();
      download.join();
    }
  }

  private static void writeError(FakeRunbase fake, SeedreamClient client, Run run, Path directory) {
    fake.injectNext(Endpoint.IMAGE, 1,
        Failure.answer(200).withContentType("image/png").withBody(Bodies.pngLike(LARGE_IMAGE_BYTES)));
    try {
      client.download(run, directory);
      System.out.println("SUCCEEDED");
    } catch (RuntimeException e) {
      System.out.println("FAILED " + e.getClass().getName());
      System.out.println("MESSAGE " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    System.out.println("IMAGE_REQUESTS " + fake.journal().imageRequests().size());
  }

  private static boolean hasPartFile(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(".part"));
    }
  }
}
