package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dashboard's page and the JSON it polls (the CLI's browser tests render the page). */
class DashboardTest {
  @RegisterExtension
  static FakeRunbaseExtension runbase = FakeRunbaseExtension.builder()
      .fake(FakeRunbase.builder().rateLimit(100, Duration.ofSeconds(10)).progression(Progression.afterPolls(0, 0)))
      .build();

  private FakeRunbase fake;

  @BeforeEach
  void fake() {
    fake = runbase.fake();
  }

  @Test
  void thePageIsSelfContainedAndMayLoadNothingFromElsewhere() {
    HttpResponse<String> page = Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__dashboard")).build());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("default-src 'none'").contains("connect-src 'self'");
    assertThat(page.body()).contains("/__control/dashboard").contains("textContent")
        .doesNotContain("innerHTML").doesNotContain("src=\"http").doesNotContain("href=\"http");
    assertThat(Http.send(HttpRequest.newBuilder(URI.create(fake.imageBaseUrl() + "/__dashboard")).build()).statusCode())
        .as("the image origin serves it too, so it stays up during an outage").isEqualTo(200);
  }

  @Test
  void theStateHoldsTheLatestRunsTheRequestsPerWindowAndTheFaults() {
    for (int i = 0; i < 55; i++) {
      Http.create(fake, "lamp " + i);
    }
    fake.injectNext(Endpoint.GET, 1, Failure.serverError(503));
    String last = fake.runs().get(54).id();
    assertThat(Http.read(fake, last).statusCode()).isEqualTo(503);
    fake.injectAfter(Endpoint.CREATE, 3, 2, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));

    JsonObject state = dashboard();

    JsonObject runs = state.getAsJsonObject("runs");
    assertThat(runs.get("total").getAsInt()).isEqualTo(55);
    JsonArray latest = runs.getAsJsonArray("latest");
    assertThat(latest).as("bounded to the latest 50").hasSize(50);
    assertThat(latest.get(49).getAsJsonObject().get("id").getAsString()).isEqualTo(last);
    assertThat(latest.get(0).getAsJsonObject().get("prompt").getAsString()).isEqualTo("lamp 5");
    JsonObject rate = state.getAsJsonObject("rate");
    assertThat(rate.get("limit").getAsInt()).isEqualTo(100);
    assertThat(rate.get("windowSeconds").getAsDouble()).isEqualTo(10.0);
    JsonArray windows = rate.getAsJsonArray("windows");
    assertThat(windows).hasSize(6);
    long admitted = 0;
    for (JsonElement window : windows) {
      admitted += window.getAsJsonObject().get("admitted").getAsLong();
    }
    assertThat(admitted).as("55 creates and one read").isEqualTo(56);
    JsonObject faults = state.getAsJsonObject("faults");
    assertThat(faults.get("injected").getAsInt()).isEqualTo(1);
    assertThat(faults.getAsJsonArray("recent").get(0).getAsJsonObject().get("failure").getAsString()).contains("503");
    assertThat(faults.getAsJsonArray("recent").get(0).getAsJsonObject().get("request").getAsString())
        .isEqualTo("GET /api/v1/runs/" + last);
    assertThat(faults.getAsJsonArray("waiting")).hasSize(1);
    assertThat(faults.getAsJsonArray("waiting").get(0).getAsString())
        .isEqualTo("CREATE: the next 2 after 3 more: Failure[402 insufficient_balance]");
    assertThat(state.get("api").getAsString()).isEqualTo("up");
  }

  @Test
  void requestsRefusedByTheRateLimitAreCountedApart() {
    FakeRunbase limited = FakeRunbase.builder().rateLimit(2, Duration.ofSeconds(10)).start();
    try {
      for (int i = 0; i < 3; i++) {
        Http.create(limited, "lamp");
      }
      JsonObject rate = Http.json(Http.send(HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/__control/dashboard")).build()))
          .getAsJsonObject("rate");
      long admitted = 0;
      long refused = 0;
      for (JsonElement window : rate.getAsJsonArray("windows")) {
        admitted += window.getAsJsonObject().get("admitted").getAsLong();
        refused += window.getAsJsonObject().get("refused").getAsLong();
      }
      assertThat(admitted).isEqualTo(2);
      assertThat(refused).isEqualTo(1);
    } finally {
      limited.close();
    }
  }

  private JsonObject dashboard() {
    HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__control/dashboard")).build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return Http.json(answer);
  }
}
