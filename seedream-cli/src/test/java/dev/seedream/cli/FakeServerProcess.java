package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code seedream.jar fake-server} as a process of its own, driven through its {@code /__control/}
 * endpoint on the image origin, which stays up during an outage of the API.
 */
final class FakeServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  final String baseUrl;
  final String apiKey;
  final String imageBaseUrl;

  private FakeServerProcess(Process process, Path log, String baseUrl, String apiKey, String imageBaseUrl) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.imageBaseUrl = imageBaseUrl;
  }

  /** Starts the fake with the testkit's flags, such as {@code --duration 2s}. */
  static FakeServerProcess start(String... flags) throws IOException {
    List<String> command = new ArrayList<>(List.of(JarProcess.JAVA, "-jar", JarProcess.JAR.toString(),
        "fake-server", "--port", "0", "--no-rate-limit", "--stop-on-stdin-eof"));
    command.addAll(List.of(flags));
    Path log = Files.createTempFile("seedream-fake-server", ".txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(JarProcess.HUNG).pollInterval(Duration.ofMillis(50))
        .until(() -> Files.readString(log).lines().count() >= 3 || !process.isAlive());
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).as("the fake started: %s", lines).hasSizeGreaterThanOrEqualTo(3);
    return new FakeServerProcess(process, log,
        after(lines.get(0), "Fake Runbase listening on "), after(lines.get(1), "API key: "), after(lines.get(2), "Images served from "));
  }

  private static String after(String line, String prefix) {
    assertThat(line).startsWith(prefix);
    return line.substring(prefix.length()).strip();
  }

  /** RUNBASE_API_KEY and RUNBASE_BASE_URL for the command. */
  Map<String, String> env() {
    return Map.of("RUNBASE_API_KEY", apiKey, "RUNBASE_BASE_URL", baseUrl);
  }

  /** Forgets every run, injection and journal entry, and ends an outage. */
  void reset() {
    control("POST", "reset", "");
  }

  /** Injects a failure: the control JSON, such as {@code {"endpoint": "create", "status": 503}}. */
  void inject(String json) {
    control("POST", "inject", json);
  }

  /** Makes the next {@code times} polls answer {@code run} as it is, a raw 200 JSON answer. */
  void injectPollAnswer(JsonObject run, int times) {
    JsonObject answer = new JsonObject();
    answer.addProperty("status", 200);
    answer.addProperty("contentType", "application/json");
    answer.addProperty("body", run.toString());
    JsonObject injection = new JsonObject();
    injection.addProperty("endpoint", "get");
    injection.addProperty("times", times);
    injection.add("answer", answer);
    inject(injection.toString());
  }

  /** Removes every injection. */
  void clearInjections() {
    control("DELETE", "inject", "");
  }

  /** Closes the API port, keeping every run: the command meets "connection refused". */
  void outage() {
    control("POST", "outage", "");
  }

  /** Opens the API port again, every run as it was. */
  void restore() {
    control("POST", "restore", "");
  }

  /** The runs the fake holds (every one of them billed): {@code {id, status, polls, urls}}. */
  List<JsonObject> runs() {
    JsonArray runs = control("GET", "runs", null).getAsJsonArray("runs");
    List<JsonObject> list = new ArrayList<>();
    runs.forEach(run -> list.add(run.getAsJsonObject()));
    return list;
  }

  /** The API requests the fake has received, as one line each. */
  List<String> requests() {
    List<String> list = new ArrayList<>();
    control("GET", "journal", null).getAsJsonArray("requests").forEach(request -> list.add(request.getAsString()));
    return list;
  }

  /** Creates a run the way a client does, and returns its id. */
  String createRun(String prompt) {
    JsonObject body = new JsonObject();
    body.addProperty("model", "bytedance/seedream-4.5");
    JsonObject input = new JsonObject();
    input.addProperty("prompt", prompt);
    body.add("input", input);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs"))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    return JsonParser.parseString(send(request)).getAsJsonObject().get("id").getAsString();
  }

  /** Reads a run the way a client does. */
  JsonObject getRun(String id) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs/" + id))
        .header("Authorization", "Bearer " + apiKey)
        .build();
    return JsonParser.parseString(send(request)).getAsJsonObject();
  }

  private JsonObject control(String method, String command, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(imageBaseUrl + "/__control/" + command))
        .timeout(Duration.ofSeconds(30));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return JsonParser.parseString(send(request.build())).getAsJsonObject();
  }

  private static String send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body()).isBetween(200, 299);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }
}
