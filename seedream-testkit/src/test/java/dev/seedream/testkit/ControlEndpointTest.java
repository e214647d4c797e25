package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP control endpoint that non-Java tests drive the fake with. */
class ControlEndpointTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().start();
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
  void injectsAFailureFromJson() {
    HttpResponse<String> injected = control("POST", "inject", "{\"endpoint\":\"create\",\"times\":1,\"status\":503,\"retryAfter\":\"1\"}");

    assertThat(injected.statusCode()).isEqualTo(200);
    HttpResponse<String> failed = Http.create(fake, "A lamp");
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
  }

  @Test
  void injectsADocumentedErrorByItsCode() {
    control("POST", "inject", "{\"endpoint\":\"get\",\"error\":\"run_not_found\"}");

    ApiContractTest.assertError(Http.read(fake, "run_x"), 404, "run_not_found");
  }

  @Test
  void injectsARawAnswerWithHeadersFromJson() {
    HttpResponse<String> injected = control("POST", "inject", "{\"endpoint\":\"get\",\"answer\":{\"status\":200,"
        + "\"contentType\":\"text/html\",\"body\":\"<html>portal</html>\",\"headers\":{\"X-Trace\":\"t1\",\"Set-Cookie\":[\"a=1\",\"b=2\"]}}}");

    assertThat(injected.statusCode()).isEqualTo(200);
    assertThat(injected.body()).contains("Failure[ANSWER 200 text/html");
    HttpResponse<String> answer = Http.read(fake, "run_x");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(answer.headers().firstValue("X-Trace")).hasValue("t1");
    assertThat(answer.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(answer.body()).isEqualTo("<html>portal</html>");
  }

  @Test
  void injectsABinaryRawAnswerAfterHandling() throws Exception {
    control("POST", "inject", "{\"endpoint\":\"create\",\"afterHandling\":true,"
        + "\"answer\":{\"status\":502,\"contentType\":\"application/octet-stream\",\"bodyBase64\":\"AAEC/w==\"}}");

    HttpResponse<byte[]> answer = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/api/v1/runs"))
        .header("Authorization", "Bearer " + fake.apiKey())
        .POST(BodyPublishers.ofString(Http.createBody("A lamp"))).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.body()).containsExactly(0, 1, 2, 255);
    assertThat(fake.runs()).as("created before the answer was replaced").hasSize(1);
  }

  @Test
  void aBadRawAnswerSaysWhatIsWrong() {
    assertThat(control("POST", "inject", "{\"endpoint\":\"get\",\"answer\":{\"status\":200,\"bdy\":\"x\"}}").body())
        .contains("unknown answer field 'bdy'");
    assertThat(control("POST", "inject", "{\"endpoint\":\"get\",\"answer\":{\"body\":\"x\"}}").body())
        .contains("answer.status is required");
    assertThat(control("POST", "inject", "{\"endpoint\":\"get\",\"answer\":{\"status\":100}}").body())
        .contains("from 200 to 599, but was 100");
    HttpResponse<String> base64 = control("POST", "inject", "{\"endpoint\":\"get\",\"answer\":{\"status\":200,\"bodyBase64\":\"%%%\"}}");
    assertThat(base64.statusCode()).isEqualTo(400);
    assertThat(base64.body()).contains("answer.bodyBase64 must be standard base64");
    assertThat(Http.read(fake, "run_x").statusCode()).as("nothing was injected").isEqualTo(404);
  }

  @Test
  void injectsAFailureThatStartsLater() {
    HttpResponse<String> injected = control("POST", "inject", "{\"endpoint\":\"create\",\"skip\":2,\"times\":2,\"status\":503}");

    assertThat(injected.body()).contains("after the next 2 on the next 2 CREATE request(s)");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(Http.create(fake, "A lamp").statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 503, 503, 200);
    HttpResponse<String> both = control("POST", "inject", "{\"endpoint\":\"get\",\"skip\":1,\"probability\":0.5,\"status\":503}");
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.body()).contains("not both");
  }

  @Test
  void resetsAndReportsState() {
    Http.create(fake, "A lamp");

    assertThat(control("GET", "runs", null).body()).contains("\"status\":\"pending\"");
    assertThat(control("POST", "reset", null).statusCode()).isEqualTo(200);
    assertThat(fake.runs()).isEmpty();
    assertThat(control("GET", "state", null).body()).contains("\"runs\":0");
  }

  @Test
  void aBadInjectionSaysWhatIsWrong() {
    HttpResponse<String> response = control("POST", "inject", "{\"endpoint\":\"delete\",\"status\":503}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("endpoint must be create, get or image");
    assertThat(control("POST", "nonsense", null).statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> control(String method, String command, String body) {
    return Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__control/" + command))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .build());
  }
}
