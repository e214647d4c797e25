package dev.seedream.testkit;

import static dev.seedream.testkit.ApiContractTest.assertError;
import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Injected errors, pages, delays and network faults, and reset. */
class InjectionTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().balance(new BigDecimal("10.00")).start();
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
  void theNextTwoCreatesAnswer503WithRetryAfterThenTheFakeAnswersAgain() {
    fake.injectNext(Endpoint.CREATE, 2, Failure.serverError(503).withRetryAfter(Duration.ofSeconds(2)));

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> failed = Http.create(fake, "A lamp");
      assertThat(failed.statusCode()).isEqualTo(503);
      assertThat(failed.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(json(failed).getAsJsonObject("error").has("message")).isTrue();
    }
    assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
    assertThat(fake.runs()).as("failed requests created nothing").hasSize(1);
    assertThat(fake.journal().injected()).hasSize(2);
  }

  @Test
  void anyDocumentedErrorCanBeInjected() {
    fake.injectNext(Endpoint.GET, 1, Failure.error(RunbaseError.RATE_LIMITED));
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE, "top up"));

    assertError(Http.read(fake, "run_x"), 429, "RATE_LIMITED");
    HttpResponse<String> create = Http.create(fake, "A lamp");
    assertError(create, 402, "insufficient_balance");
    assertThat(json(create).getAsJsonObject("error").get("message").getAsString()).isEqualTo("top up");
  }

  @Test
  void anHtmlPageAnswersLikeAProxy() {
    fake.injectNext(Endpoint.GET, 1, Failure.htmlPage(502));

    HttpResponse<String> response = Http.read(fake, "run_x");

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains("<h1>502 Bad Gateway</h1>");
  }

  @Test
  void aDelayedAnswerIsStillTheNormalAnswer() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.delay(Duration.ofMillis(200)));

    HttpResponse<String> response = Http.create(fake, "A lamp");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.journal().injected()).singleElement()
        .satisfies(r -> assertThat(r.injected().orElseThrow().kind()).isEqualTo(Failure.Kind.DELAY));
  }

  @ParameterizedTest
  @EnumSource(value = NetworkFault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void aNetworkFaultBreaksTheExchange(NetworkFault fault) {
    // on CREATE: the JDK client silently retries a GET once on a broken connection, never a POST
    fake.injectNext(Endpoint.CREATE, 1, Failure.fault(fault));

    assertThatThrownBy(() -> Http.create(fake, "A lamp")).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
    assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
    assertThat(fake.runs()).hasSize(1);
  }

  @Test
  void aMalformedChunkBreaksTheBody() {
    fake.injectNext(Endpoint.GET, 1, Failure.fault(NetworkFault.MALFORMED_RESPONSE_CHUNK));

    assertThatThrownBy(() -> Http.read(fake, "run_x")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void aFaultAfterHandlingCreatesTheRunButLosesTheAnswer() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.fault(NetworkFault.CONNECTION_RESET_BY_PEER).afterHandling());

    assertThatThrownBy(() -> Http.create(fake, "A lamp")).isInstanceOf(UncheckedIOException.class);

    assertThat(fake.runs()).hasSize(1);
    assertThat(fake.journal().runsCreated()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("9.95");
  }

  @Test
  void imagesCanFailToo() {
    String id = id(Http.create(fake, "A lamp"));
    String url = Http.pollToEnd(fake, id).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
    fake.injectNext(Endpoint.IMAGE, 1, Failure.serverError(500));

    assertThat(Http.bytes(url).statusCode()).isEqualTo(500);
    assertThat(Http.bytes(url).statusCode()).isEqualTo(200);
  }

  @Test
  void aProbabilityOfOneHitsEveryRequestUntilCleared() {
    fake.injectWithProbability(Endpoint.GET, 1.0, Failure.serverError(500));

    assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(500);
    assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(500);
    fake.clearInjections();
    assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(404);
  }

  @Test
  void theFifthCreateCanFailWithoutRacingTheClient() {
    fake.injectAfter(Endpoint.CREATE, 4, 1, Failure.serverError(503));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(Http.create(fake, "A lamp").statusCode());
    }

    assertThat(statuses).containsExactly(200, 200, 200, 200, 503, 200);
    assertThat(fake.runs()).hasSize(5);
    assertThat(fake.journal().injected()).extracting(RecordedRequest::sequence).containsExactly(5L);
  }

  @Test
  void skippedRequestsCountWhateverAnsweredThem() {
    fake.injectNext(Endpoint.GET, 1, Failure.serverError(500));
    fake.injectAfter(Endpoint.GET, 2, 1, Failure.serverError(502));
    fake.injectAfter(Endpoint.CREATE, 0, 1, Failure.serverError(504));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(Http.read(fake, "run_x").statusCode());
    }

    assertThat(statuses).containsExactly(500, 404, 502, 404);
    assertThat(Http.create(fake, "A lamp").statusCode()).as("skip 0 is the next request").isEqualTo(504);
  }

  @Test
  void aLaterInjectionRefusesBadCounts() {
    Failure failure = Failure.serverError(500);

    assertThatThrownBy(() -> fake.injectAfter(Endpoint.GET, -1, 1, failure)).hasMessageContaining("skip must be >= 0, but was -1");
    assertThatThrownBy(() -> fake.injectAfter(Endpoint.GET, 1, 0, failure)).hasMessageContaining("times must be >= 1, but was 0");
    assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(404);
  }

  @Test
  void resetForgetsRunsInjectionsChargesAndTheJournal() {
    String id = id(Http.create(fake, "A lamp"));
    fake.injectNext(Endpoint.GET, 5, Failure.serverError(500));

    fake.reset();

    assertThat(fake.runs()).isEmpty();
    assertThat(fake.journal().all()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("10.00");
    assertError(Http.read(fake, id), 404, "run_not_found");
    assertThat(id(Http.create(fake, "A lamp"))).as("ids start over from the seed").isEqualTo(id);
  }
}
