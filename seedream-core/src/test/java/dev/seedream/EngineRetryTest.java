package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the engine retries, what it never repeats, and how long it waits: on virtual time. */
class EngineRetryTest extends EngineTestSupport {
  @Test
  void rateLimitedOnAGetIsRetried() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(429, TextCodec.error("RATE_LIMITED", "Rate limit exceeded")));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(server.count("GET")).isEqualTo(2);
  }

  @Test
  void usageExceededIsNeverRetried() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(429, TextCodec.error("USAGE_EXCEEDED", "Quota spent")));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(run)).isInstanceOf(UsageExceededException.class).hasMessageContaining("Quota spent");
    assertThat(server.count("GET")).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrorsOnAGetAreRetriedUpToTheCapThenRaised(int status) {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script, b -> b.retryPolicy(RetryPolicy.custom().maxAttempts(4).random(new Random(1)).build()));
    RunId id = submit();
    script.onGet(r -> Reply.of(status, "<html><body>Bad Gateway</body></html>"));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(5));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(ServerException.class).hasMessageContaining("HTTP " + status).hasMessageContaining("Bad Gateway");
    assertThat(((ApiException) error).bodyExcerpt()).hasValueSatisfying(e -> assertThat(e).doesNotContain("\n"));
    assertThat(server.count("GET")).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 403, 404})
  void clientErrorsAreNeverRetried(int status) {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(status, TextCodec.error("some_code", "nope")));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(run)).isInstanceOf(ApiException.class);
    assertThat(((ApiException) failure(run)).statusCode()).isEqualTo(status);
    assertThat(server.count("GET")).isEqualTo(1);
  }

  @Test
  void aCreateRefusedBeforeConnectingIsRetried() {
    RunbaseScript script = new RunbaseScript("succeeded")
        .next(Reply.fail(new TransportException(TransportException.Reason.CONNECT, "refused", null)),
            Reply.of(503, ""),
            Reply.of(429, TextCodec.error("RATE_LIMITED", "slow down")));
    client(script);
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(2));

    assertThat(id.join()).isEqualTo(RunId.of("run-1"));
    assertThat(server.count("POST")).isEqualTo(4);
  }

  @Test
  void retryAfterInSecondsDelaysTheNextRequest() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    script.next(Reply.of(503, "").header("Retry-After", "7"));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Received> gets = gets();
    assertThat(Duration.ofNanos(gets.get(1).atNanos() - gets.get(0).atNanos())).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateDelaysTheNextRequest() {
    RunbaseScript script = new RunbaseScript("succeeded");
    client(script);
    RunId id = submit();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.now().plusSeconds(12).atOffset(ZoneOffset.UTC));
    script.next(Reply.of(429, TextCodec.error("RATE_LIMITED", "later")).header("Retry-After", date));
    CompletableFuture<Run> run = client.get(id);
    time.advance(Duration.ofMinutes(1));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Received> gets = gets();
    assertThat(Duration.ofNanos(gets.get(1).atNanos() - gets.get(0).atNanos())).isEqualTo(Duration.ofSeconds(12));
  }
}
