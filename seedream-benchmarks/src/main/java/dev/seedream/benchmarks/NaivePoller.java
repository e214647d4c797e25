package dev.seedream.benchmarks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seedream.benchmarks.support.AcceleratedTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The client Runbase's docs suggest, written by hand over {@code java.net.http}: create, then poll
 * every second, and on a 429 wait 2^n seconds (n counting the 429s in a row) before trying again.
 * Every wait is in the scenario's accelerated time. One instance serves many threads.
 */
final class NaivePoller implements Efficiency.Generator {
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String baseUrl;
  private final String apiKey;
  private final AcceleratedTime time;

  NaivePoller(String baseUrl, String apiKey, AcceleratedTime time) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.time = time;
  }

  @Override
  public Efficiency.Returned generate(int index) throws IOException, InterruptedException {
    String body = "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"benchmark run " + index + "\"}}";
    HttpRequest create = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs"))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    JsonObject run = untilAnswered(create);
    String id = run.get("id").getAsString();
    HttpRequest read = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs/" + id))
        .header("Authorization", "Bearer " + apiKey)
        .GET()
        .build();
    while (true) {
      time.sleep(POLL_INTERVAL);
      run = untilAnswered(read);
      String status = run.get("status").getAsString();
      if (status.equals("succeeded") || status.equals("failed")) {
        return new Efficiency.Returned(
            id,
            Instant.parse(run.get("created_at").getAsString()),
            Instant.parse(run.get("completed_at").getAsString()),
            time.now());
      }
    }
  }

  /** Sends until the answer is not a 429, backing off 1, 2, 4, ... seconds. */
  private JsonObject untilAnswered(HttpRequest request) throws IOException, InterruptedException {
    for (int limited = 0; ; limited++) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
      }
      if (response.statusCode() != 429) {
        throw new IOException("unexpected answer " + response.statusCode() + ": " + response.body());
      }
      time.sleep(Duration.ofSeconds(1L << Math.min(limited, 6)));
    }
  }

  @Override
  public void close() {
    // java.net.http.HttpClient frees its threads when it is no longer reachable (JDK 17 has no close()).
  }
}
