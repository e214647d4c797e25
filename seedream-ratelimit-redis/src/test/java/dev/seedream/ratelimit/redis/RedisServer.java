package dev.seedream.ratelimit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for tests, on a free loopback port, with no persistence: installed
 * from Debian's package when missing ({@code tools/ensure-debian-package}), started before the
 * class, stopped (and its directory deleted) after it. {@link #stop()} and {@link #start()} in
 * between restart it on the same port, empty.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServer redis = new RedisServer();
 * }</pre>
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
  private static final long START_TIMEOUT_SECONDS = 20;
  private int port;
  private Path dir;
  private Process process;
  private CompletableFuture<Boolean> drained;

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureInstalled();
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    dir = Files.createTempDirectory("seedream-redis-test");
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /** Starts the server and returns once it accepts connections. */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null) {
      throw new IllegalStateException("redis-server is already running");
    }
    process =
        new ProcessBuilder(
                List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "yes"))
            .redirectErrorStream(true)
            .start();
    Deque<String> lastLines = new ArrayDeque<>();
    CompletableFuture<Boolean> readyNow = new CompletableFuture<>();
    CompletableFuture<Boolean> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean up = false;
                while ((line = lines.readLine()) != null) {
                  synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 20) {
                      lastLines.removeFirst();
                    }
                  }
                  if (!up && line.contains("Ready to accept connections")) {
                    up = true;
                    readyNow.complete(true);
                  }
                }
                readyNow.complete(false);
                return up;
              } catch (IOException e) {
                readyNow.complete(false);
                throw new UncheckedIOException(e);
              }
            },
            task -> {
              Thread reader = new Thread(task, "redis-server-output");
              reader.setDaemon(true);
              reader.start();
            });
    try {
      if (!readyNow.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new ExecutionException("redis-server exited", null);
      }
    } catch (ExecutionException | TimeoutException e) {
      Process failed = process;
      process = null;
      failed.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      synchronized (lastLines) {
        throw new IllegalStateException("redis-server did not start on port " + port + ": " + String.join("\n", lastLines), e);
      }
    }
    drained = ready;
  }

  /** Stops the server (SIGTERM) and waits for it to exit; its data is gone. */
  public synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    process = null;
    try {
      drained.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the output pipe closes with the process; nothing is left to read
    }
  }

  private static void ensureInstalled() throws IOException, InterruptedException {
    String root = System.getProperty("repo.root");
    if (root == null) {
      throw new IllegalStateException("system property repo.root is not set: run the tests through Maven");
    }
    Process install =
        new ProcessBuilder(Path.of(root, "tools", "ensure-debian-package").toString(), "redis-server", "redis-server")
            .inheritIO()
            .start();
    if (!install.waitFor(15, TimeUnit.MINUTES)) {
      install.destroyForcibly();
      throw new IllegalStateException("installing redis-server took more than 15 minutes");
    }
    if (install.exitValue() != 0) {
      throw new IllegalStateException(
          "redis-server is missing and could not be installed (exit " + install.exitValue() + "): apt-get install redis-server");
    }
  }
}
