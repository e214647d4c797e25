package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
