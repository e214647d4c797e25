package dev.seedream.cli;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own WebSocket: one
 * browser with a fresh profile in a temporary directory and one page of {@link #WIDTH}x{@link
 * #HEIGHT}. Installs the {@code chromium} package first when it is missing ({@code
 * tools/ensure-debian-package}). {@link #close()} ends the browser and every process it started, and
 * deletes the profile. Every wait is bounded.
 */
final class Chromium implements AutoCloseable {
  static final int WIDTH = 1000;
  static final int HEIGHT = 700;
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final Duration INSTALL = Duration.ofMinutes(15);
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration CALL = Duration.ofSeconds(30);

  private final Process process;
  private final List<ProcessHandle> children = new ArrayList<>();
  private final Path profile;
  private volatile WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonObject>> calls = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  private Chromium(Process process, Path profile) {
    this.process = process;
    this.profile = profile;
  }

  /** Starts the browser (installing it first when missing) with one blank page. */
  static Chromium start() throws Exception {
    ensureInstalled();
    Path profile = Files.createTempDirectory("seedream-chromium-");
    Path log = profile.resolveSibling(profile.getFileName() + ".log");
    Process process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=" + WIDTH + "," + HEIGHT, "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      await("Chromium writes " + portFile).atMost(START).pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2);
      if (!process.isAlive()) {
        throw new IllegalStateException("chromium ended at start, exit " + process.exitValue() + ":\n" + Files.readString(log));
      }
      List<String> port = Files.readAllLines(portFile);
      Chromium browser = new Chromium(process, profile);
      browser.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CALL)
          .buildAsync(URI.create("ws://127.0.0.1:" + port.get(0).strip() + port.get(1).strip()), browser.listener())
          .get(CALL.toSeconds(), TimeUnit.SECONDS);
      browser.openPage();
      return browser;
    } catch (Exception | Error e) {
      destroy(process, process.descendants().toList());
      deleteTree(profile);
      Files.deleteIfExists(log);
      throw e;
    }
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
          text.setLength(0);
          if (message.has("id")) {
            CompletableFuture<JsonObject> call = calls.remove(message.get("id").getAsInt());
            if (call != null) {
              call.complete(message);
            }
          }
        }
        webSocket.request(1);
        return null;
      }
    };
  }

  private void openPage() throws Exception {
    children.addAll(process.descendants().toList());
    String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").getAsString();
    session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").getAsString();
    call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    call(session, "Page.enable", Map.of());
  }

  /** Opens {@code url} in the page and waits until it and its images are loaded. */
  void navigate(String url) throws Exception {
    JsonObject result = call(session, "Page.navigate", Map.of("url", url));
    if (result.has("errorText")) {
      throw new IllegalStateException("Chromium could not open " + url + ": " + result.get("errorText").getAsString());
    }
    await("the page " + url + " is loaded").atMost(CALL).pollInterval(Duration.ofMillis(50))
        .until(() -> evaluate("document.readyState === 'complete' && location.href === " + quote(url)).getAsBoolean());
  }

  /** The value of a JavaScript expression in the page (awaited when it is a promise), as JSON. */
  JsonElement evaluate(String expression) throws Exception {
    JsonObject result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("the page threw on " + expression + ": " + result.get("exceptionDetails"));
    }
    JsonObject value = result.getAsJsonObject("result");
    return value.has("value") ? value.get("value") : com.google.gson.JsonNull.INSTANCE;
  }

  /** Presses the Tab key in the page, as a keyboard user moves to the next focusable element. */
  void pressTab() throws Exception {
    for (String type : List.of("keyDown", "keyUp")) {
      call(session, "Input.dispatchKeyEvent", Map.of("type", type, "key", "Tab", "code", "Tab", "windowsVirtualKeyCode", 9));
    }
  }

  /** A PNG of the page's viewport, written to {@code file}, scaled by {@code scale} (1: as shown). */
  void screenshot(Path file, double scale) throws Exception {
    Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", WIDTH, "height", HEIGHT, "scale", scale);
    String data = call(session, "Page.captureScreenshot", Map.of("format", "png", "clip", clip)).get("data").getAsString();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(data));
  }

  private JsonObject call(String sessionId, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    JsonObject message = new JsonObject();
    message.addProperty("id", id);
    message.addProperty("method", method);
    message.add("params", new com.google.gson.Gson().toJsonTree(params));
    if (sessionId != null) {
      message.addProperty("sessionId", sessionId);
    }
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    calls.put(id, answer);
    socket.sendText(message.toString(), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
    JsonObject reply;
    try {
      reply = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      calls.remove(id);
      throw new IllegalStateException("Chromium did not answer " + method + " within " + CALL, e);
    }
    if (reply.has("error")) {
      throw new IllegalStateException("Chromium refused " + method + ": " + reply.get("error"));
    }
    return reply.getAsJsonObject("result");
  }

  /** Closes the browser, ends every process it started and deletes its profile. */
  @Override
  public void close() throws IOException {
    List<ProcessHandle> all = new ArrayList<>(children);
    all.addAll(process.descendants().toList());
    try {
      call(null, "Browser.close", Map.of());
    } catch (Exception e) {
      // the browser is ended below whatever it answered
    }
    socket.abort();
    destroy(process, all);
    deleteTree(profile);
    Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
  }

  /** Closes each of {@code resources} that is not null, in order, all of them even when one fails. */
  static void closeAll(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable resource : resources) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static void destroy(Process process, List<ProcessHandle> descendants) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    for (ProcessHandle child : descendants) {
      child.destroyForcibly();
      try {
        child.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("a Chromium process did not end: " + child.pid(), e);
      }
    }
  }

  private static void ensureInstalled() throws IOException, InterruptedException {
    Path tool = ROOT.resolve("tools/ensure-debian-package");
    Path log = Files.createTempFile("seedream-ensure-chromium", ".log");
    try {
      Process install = new ProcessBuilder(tool.toString(), "chromium", "chromium").redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!install.waitFor(INSTALL.toSeconds(), TimeUnit.SECONDS)) {
        install.descendants().forEach(ProcessHandle::destroyForcibly);
        install.destroyForcibly();
        throw new IllegalStateException(tool + " did not install chromium within " + INSTALL + ":\n" + Files.readString(log));
      }
      if (install.exitValue() != 0) {
        throw new IllegalStateException(tool + " could not install chromium (exit " + install.exitValue() + "):\n" + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String quote(String text) {
    return new com.google.gson.Gson().toJson(text);
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Chromium may still remove its own files as it ends; retried once below
        }
      }
    } catch (UncheckedIOException e) {
      // a file vanished while walking
    }
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
