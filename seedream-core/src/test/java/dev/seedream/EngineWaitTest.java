package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wait ends only for a reason: a terminal status, an error that repeating cannot fix,
 * cancellation, or the deadline. On virtual time.
 */
class EngineWaitTest extends EngineTestSupport {
  @Test
  void manyRateLimitedAnswersOnPollsDoNotEndTheWait() {
    RunbaseScript script = new RunbaseScript("pending", "succeeded");
    client(script);
    RunId id = submit();
    for (int i = 0; i < 12; i++) {
      script.next(Reply.of(429, TextCodec.error("RATE_LIMITED", "Rate limit exceeded")));
    }
    CompletableFuture<Run> run = client.await(id);
    time.advance(Duration.ofMinutes(9));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(server.count("GET")).isEqualTo(12 + 2);
  }

  @Test
  void anHtmlPageAnswered200OnAPollIsRetried() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(200, "<html><body>Captive portal</body></html>"), Reply.of(200, ""));
    CompletableFuture<Run> run = client.await(id);
    time.advance(Duration.ofMinutes(2));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(server.count("GET")).isEqualTo(3);
  }

  @Test
  void anAnswerAboutAnotherRunIsNeverTakenAsThisRunAndIsRetried() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(200, TextCodec.run("run-other", "succeeded", "https://cdn.example/other.png")));
    CompletableFuture<Run> run = client.await(id);
    time.advance(Duration.ofMinutes(2));

    assertThat(run.join().id()).isEqualTo(id);
    assertThat(run.join().outputUrls()).extracting(Object::toString).containsExactly("https://cdn.example/run-1/0.png");
    assertThat(server.count("GET")).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "401, invalid_api_key, AuthenticationException",
    "403, api_key_spend_limit_exceeded, SpendLimitExceededException",
    "403, ip_not_allowed, IpNotAllowedException",
    "404, run_not_found, RunNotFoundException",
    "429, USAGE_EXCEEDED, UsageExceededException"})
  void errorsThatRepeatingCannotFixEndTheWaitAtOnce(int status, String code, String type) {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(status, TextCodec.error(code, "no")));
    CompletableFuture<Run> run = client.await(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(run).getClass().getSimpleName()).isEqualTo(type);
    assertThat(server.count("GET")).isEqualTo(1);
  }

  @Test
  void aPollThatKeepsFailingEndsAtTheDeadlineWithTheRunIdAndTheLastFailureAsCause() {
    RunbaseScript script = new RunbaseScript("pending");
    client(script);
    RunId id = submit();
    CompletableFuture<Run> run = client.await(id, Duration.ofMinutes(3));
    time.advance(Duration.ofSeconds(10));
    script.onGet(r -> Reply.of(503, "<html>Service Unavailable</html>"));
    time.advance(Duration.ofMinutes(2).plusSeconds(49));
    assertThat(run).isNotDone();
    time.advance(Duration.ofSeconds(1));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("deadline of 3m passed while waiting for run run-1 (last status: pending)")
        .hasMessageContaining("HTTP 503");
    assertThat(((DeadlineExceededException) error).runId()).contains(id);
    assertThat(error.getCause()).isInstanceOf(ServerException.class);
    assertThat(server.count("GET")).isGreaterThan(5);
  }

  @Test
  void aRetryAfterOnAPollDoesNotOutliveTheDeadline() {
    RunbaseScript script = new RunbaseScript("pending");
    client(script);
    RunId id = submit();
    script.onGet(r -> Reply.of(503, "").header("Retry-After", "999999999"));
    long start = time.nanoTime();
    CompletableFuture<Run> run = client.await(id, Duration.ofSeconds(30));
    time.advance(Duration.ofSeconds(30));

    assertThat(failure(run)).isInstanceOf(DeadlineExceededException.class).hasCauseInstanceOf(ServerException.class);
    assertThat(time.nanoTime() - start).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(server.count("GET")).isEqualTo(1);
  }

  @Test
  void aSucceededRunWithoutOutputUrlsIsAMalformedAnswerThatSaysSo() {
    RunbaseScript script = new RunbaseScript("pending");
    script.onGet(r -> Reply.of(200, TextCodec.run("run-1", "succeeded")));
    client(script);
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(run)).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("run run-1 is succeeded, but the answer lists no output URLs");
    assertThat(failure(client.get(RunId.of("run-1")))).isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void aRunThatGoesBackFromSucceededIsAMalformedAnswerThatSaysSo() {
    RunbaseScript script = new RunbaseScript("succeeded", "processing");
    client(script);
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(1));
    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);

    CompletableFuture<Run> again = client.get(run.join().id());
    time.runDue();

    assertThat(failure(again)).isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("run run-1 was succeeded and is now processing");
  }

  @Test
  void aSingleReadRetriesAnUnreadableAnswerWithinTheRetryPolicy() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.onGet(r -> Reply.of(200, "<html>Captive portal</html>"));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(5));

    assertThat(failure(run)).isInstanceOf(MalformedResponseException.class);
    assertThat(server.count("GET")).isEqualTo(RetryPolicy.ofDefaults().maxAttempts());
  }
}
