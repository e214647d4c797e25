package dev.seedream.testkit;

import static dev.seedream.testkit.Http.create;
import static dev.seedream.testkit.Http.createBody;
import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static dev.seedream.testkit.Http.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The documented endpoints, statuses and codes, driven with the JDK's HTTP client. */
class ApiContractTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().apiKeys("sk-test-alice", "sk-test-bob").noRateLimit().start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  @Test
  void createAnswersThePendingRunAtOnce() {
    HttpResponse<String> response =
        create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"A lamp\",\"aspect_ratio\":\"16:9\",\"quality\":\"high\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject run = json(response);
    assertThat(run.get("id").getAsString()).startsWith("run_");
    assertThat(run.get("model").getAsString()).isEqualTo("bytedance/seedream-4.5");
    assertThat(run.get("status").getAsString()).isEqualTo("pending");
    assertThat(run.getAsJsonObject("input").get("aspect_ratio").getAsString()).isEqualTo("16:9");
    assertThat(run.has("output")).isFalse();
    assertThat(run.get("created_at").getAsString()).endsWith("Z");
    assertThat(fake.journal().runsCreated()).containsExactly(run.get("id").getAsString());
  }

  @Test
  void aRunGoesFromPendingThroughProcessingToSucceededWithOutputUrls() {
    String id = id(create(fake.baseUrl(), "sk-test-alice", createBody("A lamp")));

    assertThat(json(read(fake.baseUrl(), "sk-test-alice", id)).get("status").getAsString()).isEqualTo("pending");
    assertThat(json(read(fake.baseUrl(), "sk-test-alice", id)).get("status").getAsString()).isEqualTo("processing");
    JsonObject done = json(read(fake.baseUrl(), "sk-test-alice", id));

    assertThat(done.get("status").getAsString()).isEqualTo("succeeded");
    String url = done.getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
    assertThat(url).startsWith(fake.imageBaseUrl() + "/images/" + id + "/");
    assertThat(done.has("completed_at")).isTrue();
    assertThat(fake.journal().pollsOf(id)).isEqualTo(3);
    assertThat(fake.run(id).orElseThrow().polls()).isEqualTo(3);
  }

  @Test
  void theImageOriginServesAPngWithoutAKey() {
    String id = id(create(fake.baseUrl(), "sk-test-alice", createBody("A lamp")));
    JsonObject done = Http.pollToEnd(fake, id);
    String url = done.getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();

    HttpResponse<byte[]> image = Http.bytes(url);

    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(Png.dimensions(image.body())).containsExactly(64, 64);
    assertThat(fake.journal().imageRequests()).hasSize(1);
    fake.journal().assertNoAuthorizationSentToImageOrigin();
  }

  @Test
  void anImageOfARunThatHasNotSucceededIsNotFound() {
    String id = id(create(fake.baseUrl(), "sk-test-alice", createBody("A lamp")));

    assertThat(Http.bytes(fake.imageBaseUrl() + "/images/" + id + "/0.png").statusCode()).isEqualTo(404);
  }

  @Test
  void noAuthorizationHeaderIsMissingApiKey() {
    assertError(create(fake.baseUrl(), null, createBody("A lamp")), 401, "missing_api_key");
    assertError(read(fake.baseUrl(), null, "run_x"), 401, "missing_api_key");
    assertThat(fake.journal().requestsWithoutAuthorization()).hasSize(2);
  }

  @Test
  void anAuthorizationHeaderWithoutABearerKeyIsMissingApiKey() {
    HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/api/v1/runs"))
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .POST(BodyPublishers.ofString(createBody("A lamp")))
        .build());

    assertError(response, 401, "missing_api_key");
  }

  @Test
  void anUnknownKeyIsInvalidApiKey() {
    assertError(create(fake.baseUrl(), "sk-test-mallory", createBody("A lamp")), 401, "invalid_api_key");
    assertError(read(fake.baseUrl(), "sk-test-mallory", "run_x"), 401, "invalid_api_key");
  }

  @Test
  void authenticationComesBeforeTheBody() {
    assertError(create(fake.baseUrl(), null, "not json"), 401, "missing_api_key");
  }

  @Test
  void aBodyThatIsNotJsonIsInvalidJson() {
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\": "), 400, "invalid_json");
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"x\"} trailing"), 400, "invalid_json");
    assertError(create(fake.baseUrl(), "sk-test-alice", ""), 400, "invalid_json");
    assertError(create(fake.baseUrl(), "sk-test-alice", "[1, 2]"), 400, "invalid_json");
  }

  @Test
  void theBodyChecksFollowTheDocumentedOrder() {
    assertError(create(fake.baseUrl(), "sk-test-alice", "{}"), 400, "missing_model");
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"input\":{\"prompt\":\"x\"}}"), 400, "missing_model");
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"acme/unknown\"}"), 400, "missing_input");
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"acme/unknown\",\"input\":{}}"), 400, "model_not_found");
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"bytedance/seedream-4.5\",\"input\":{}}"), 400, "invalid_input");
  }

  @Test
  void invalidInputListsEveryViolationOfTheCoreRules() {
    String body = "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"\",\"quality\":\"ultra\","
        + "\"aspect_ratio\":5,\"resolution\":\"4K\"}}";

    HttpResponse<String> response = create(fake.baseUrl(), "sk-test-alice", body);

    assertError(response, 400, "invalid_input");
    String message = json(response).getAsJsonObject("error").get("message").getAsString();
    assertThat(message)
        .contains("input.prompt [too_short]")
        .contains("input.quality [not_allowed]")
        .contains("input.aspect_ratio [wrong_type]")
        .contains("a number '5'")
        .contains("input.resolution [unknown_field]");
    assertThat(fake.runs()).isEmpty();
  }

  @Test
  void anInputThatIsNotAnObjectIsInvalidInput() {
    assertError(create(fake.baseUrl(), "sk-test-alice", "{\"model\":\"bytedance/seedream-4.5\",\"input\":\"a lamp\"}"), 400, "invalid_input");
  }

  @Test
  void anUnknownRunIsNotFound() {
    assertError(read(fake.baseUrl(), "sk-test-alice", "run_does_not_exist"), 404, "run_not_found");
  }

  @Test
  void aRunOfAnotherKeyIsNotFound() {
    String id = id(create(fake.baseUrl(), "sk-test-alice", createBody("A lamp")));

    assertError(read(fake.baseUrl(), "sk-test-bob", id), 404, "run_not_found");
    assertThat(read(fake.baseUrl(), "sk-test-alice", id).statusCode()).isEqualTo(200);
    assertThat(fake.journal().requestsWithKey("sk-test-bob")).hasSize(1);
  }

  @Test
  void anUnknownPathIsALoud404ThatTheFakeReports() {
    HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/runs"))
        .timeout(Duration.ofSeconds(5)).GET().build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isNotBlank();
    assertThat(fake.unmatchedRequests()).singleElement().asString().contains("GET").contains("/v1/runs");
  }

  @Test
  void theUnmatchedRequestsKeptAreBoundedAndTheRestCounted() {
    int beyond = 3;
    for (int i = 0; i < 1000 + beyond; i++) {
      Http.send(HttpRequest.newBuilder(URI.create(fake.imageBaseUrl() + "/nothing/" + i))
          .timeout(Duration.ofSeconds(5)).GET().build());
    }

    List<String> unmatched = fake.unmatchedRequests();
    assertThat(unmatched).hasSize(1001);
    assertThat(unmatched.get(0)).isEqualTo("GET " + fake.imageBaseUrl() + "/nothing/0");
    assertThat(unmatched.get(1000)).isEqualTo("... and " + beyond + " more");
    fake.reset();
    assertThat(fake.unmatchedRequests()).isEmpty();
  }

  @Test
  void theJournalNeverShowsTheKey() {
    create(fake.baseUrl(), "sk-test-alice-very-secret", createBody("A lamp"));
    create(fake.baseUrl(), "sk-test-alice", createBody("A lamp"));

    assertThat(fake.journal().toString()).doesNotContain("sk-test-alice");
  }

  static void assertError(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonObject body = json(response);
    assertThat(body.keySet()).containsExactly("error");
    JsonObject error = body.getAsJsonObject("error");
    assertThat(error.keySet()).containsExactlyInAnyOrder("message", "code");
    assertThat(error.get("code").getAsString()).isEqualTo(code);
    assertThat(error.get("message").getAsString()).isNotBlank();
  }
}
