package dev.seedream.testkit.internal;

import dev.seedream.testkit.FakeRunbase;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The runnable jar: starts a fake Runbase, prints where it listens and its key on the first two
 * lines, and serves until SIGTERM / Ctrl-C (or, with {@code --stop-on-stdin-eof}, until standard
 * input closes).
 */
public final class StandaloneMain {
  private StandaloneMain() {}

  public static void main(String[] args) throws InterruptedException {
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(StandaloneOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(StandaloneOptions.USAGE);
      return;
    }
    FakeRunbase fake = options.builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "fake-runbase-shutdown"));
    PrintStream out = System.out;
    out.println("Fake Runbase listening on " + fake.baseUrl());
    out.println("API key: " + fake.apiKey());
    out.println("Images served from " + fake.imageBaseUrl());
    out.println("Control: POST " + fake.baseUrl() + "/__control/reset | POST /__control/inject | GET /__control/runs");
    out.println("Outage: POST " + fake.imageBaseUrl() + "/__control/outage | POST " + fake.imageBaseUrl() + "/__control/restore");
    out.println("Dashboard: " + fake.baseUrl() + "/__dashboard (open it in a browser)");
    out.println(options.stopOnStdinEof ? "Stop with SIGTERM, Ctrl-C or by closing standard input" : "Stop with SIGTERM or Ctrl-C");
    out.flush();
    if (options.stopOnStdinEof) {
      Thread watcher = new Thread(() -> {
        try {
          while (System.in.read() >= 0) {
            // ignore input; only its end matters
          }
        } catch (IOException e) {
          // a broken stdin counts as closed
        }
        fake.close();
        stopped.countDown();
      }, "fake-runbase-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
    System.exit(0);
  }
}
