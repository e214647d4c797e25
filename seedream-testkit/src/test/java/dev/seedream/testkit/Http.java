package dev.seedream.testkit;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** The JDK's HTTP client against the fake: no SDK code on the way. One client for all tests. */
final class Http {
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  static final String MODEL = "bytedance/seedream-4.5";

  private Http() {}

  static String createBody(String prompt) {
    return "{\"model\":\"" + MODEL + "\",\"input\":{\"prompt\":\"" + prompt + "\"}}";
  }

  static HttpResponse<String> create(String baseUrl, String key, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  static HttpResponse<String> create(FakeRunbase fake, String prompt) {
    return create(fake.baseUrl(), fake.apiKey(), createBody(prompt));
  }

  static HttpResponse<String> read(String baseUrl, String key, String id) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/runs/" + id))
        .timeout(Duration.ofSeconds(10))
        .GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  static HttpResponse<String> read(FakeRunbase fake, String id) {
    return read(fake.baseUrl(), fake.apiKey(), id);
  }

  static HttpResponse<byte[]> bytes(String url) {
    try {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(), BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(HttpResponse<String> response) {
    return new Gson().fromJson(response.body(), JsonObject.class);
  }

  static String id(HttpResponse<String> created) {
    return json(created).get("id").getAsString();
  }

  /** Reads the run until it is finished (at most 20 reads) and answers its last JSON. */
  static JsonObject pollToEnd(FakeRunbase fake, String id) {
    for (int i = 0; i < 20; i++) {
      JsonObject run = json(read(fake, id));
      String status = run.get("status").getAsString();
      if (status.equals("succeeded") || status.equals("failed")) {
        return run;
      }
    }
    throw new AssertionError("run " + id + " did not finish in 20 reads");
  }
}
