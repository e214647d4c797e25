package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The money path of a create, on virtual time: a create that may have reached Runbase is never sent
 * again and ends in {@link RunMayExistException}; a create's deadline covers its waits and retries.
 */
class EngineMoneyTest extends EngineTestSupport {
  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void aCreateAnsweredWithAServerErrorOtherThan503MayHaveCreatedTheRun(int status) {
    client(new RunbaseScript("succeeded").next(Reply.of(status, "<html>Bad Gateway</html>")));
    Instant sent = time.now();
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    RunMayExistException error = mayExist(failure(id));
    assertThat(error.getCause()).isInstanceOf(ServerException.class);
    assertThat(((ServerException) error.getCause()).statusCode()).isEqualTo(status);
    assertThat(error.sentAt()).isEqualTo(sent);
    assertThat(error.input()).isSameAs(REQUEST);
    assertThat(server.count("POST")).isEqualTo(1);
  }

  @Test
  void aCreateResetAfterSendingMayHaveCreatedTheRun() {
    client(new RunbaseScript("succeeded")
        .next(Reply.fail(new TransportException(TransportException.Reason.CONNECTION_CLOSED, "reset", null))));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(mayExist(failure(id)).getCause()).isInstanceOf(TransportException.class);
    assertThat(server.count("POST")).isEqualTo(1);
  }

  @Test
  void aCreateThatTimedOutAfterSendingMayHaveCreatedTheRun() {
    client(new RunbaseScript("succeeded").next(Reply.hang()), b -> b.attemptTimeout(Duration.ofSeconds(5)));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(2));

    Throwable cause = mayExist(failure(id)).getCause();
    assertThat(cause).isInstanceOf(TransportException.class);
    assertThat(((TransportException) cause).reason()).isEqualTo(TransportException.Reason.TIMEOUT);
    assertThat(server.count("POST")).isEqualTo(1);
    assertThat(server.hangingCancelled()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Welcome to nginx!</body></html>", "id=run-1", ""})
  void aCreateWhoseAnswerCannotBeReadMayHaveCreatedTheRun(String body) {
    client(new RunbaseScript("succeeded").next(Reply.of(200, body)));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(mayExist(failure(id)).getCause()).isInstanceOf(MalformedResponseException.class);
    assertThat(server.count("POST")).isEqualTo(1);
  }

  @Test
  void aRedirectedCreateIsNotFollowedAndMayHaveCreatedTheRun() {
    client(new RunbaseScript("succeeded").next(Reply.of(303, "").header("Location", "/api/v1/runs/run-9")));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(mayExist(failure(id)).getCause()).isInstanceOf(ApiException.class);
    assertThat(server.count("POST")).isEqualTo(1);
  }

  @Test
  void theMayExistMessageSaysWhatHappenedAndHowToFindTheRunAndNeverToTryAgain() {
    client(new RunbaseScript("succeeded").next(Reply.of(502, "")));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    RunMayExistException error = mayExist(failure(id));
    assertThat(error.getMessage())
        .contains("may exist", "bills a run when it is created", "not sent again", error.sentAt().toString(),
            "look for a run created at about", "HTTP 502")
        .doesNotContainIgnoringCase("try again");
    assertThat(error.runId()).isEmpty();
  }

  @Test
  void failuresThatComeBeforeProcessingAreRetriedAndNeverCalledMayExist() {
    client(new RunbaseScript("succeeded").next(
        Reply.fail(new TransportException(TransportException.Reason.CONNECT, "refused", null)),
        Reply.of(503, ""), Reply.of(503, ""), Reply.of(503, ""), Reply.of(503, "")));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(5));

    assertThat(failure(id)).isInstanceOf(ServerException.class).isNotInstanceOf(RunMayExistException.class);
    assertThat(server.count("POST")).isEqualTo(5);
  }

  @Test
  void aHugeRetryAfterOnACreateEndsAtTheDeadlineWithNothingCreated() {
    client(new RunbaseScript("succeeded").next(
        Reply.of(429, TextCodec.error("RATE_LIMITED", "slow down")).header("Retry-After", "999999999")));
    long start = time.nanoTime();
    CompletableFuture<Run> run = client.generate(REQUEST, Duration.ofSeconds(8));
    time.advance(Duration.ofSeconds(7));
    assertThat(run).isNotDone();
    time.advance(Duration.ofSeconds(1));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("deadline of 8s passed before the run was created: nothing was created")
        .hasMessageContaining("RATE_LIMITED");
    assertThat(error.getCause()).isInstanceOf(RateLimitedException.class);
    assertThat(((DeadlineExceededException) error).runId()).isEmpty();
    assertThat(Duration.ofNanos(time.nanoTime() - start)).isEqualTo(Duration.ofSeconds(8));
    assertThat(server.count("POST")).isEqualTo(1);
  }

  @Test
  void aCreateStillInFlightAtTheDeadlineMayHaveCreatedTheRun() {
    client(new RunbaseScript("succeeded").next(Reply.hang()), b -> b.attemptTimeout(Duration.ofSeconds(30)));
    CompletableFuture<RunId> id = client.submit(REQUEST, Duration.ofSeconds(3));
    time.advance(Duration.ofSeconds(3));

    RunMayExistException error = mayExist(failure(id));
    assertThat(error.getCause()).hasMessageContaining("deadline of 3s");
    assertThat(server.hangingCancelled()).isEqualTo(1);
  }

  @Test
  void noAttemptOfACreateOutlivesTheCallsDeadline() {
    client(new RunbaseScript("succeeded").next(Reply.of(503, "")), b -> b.attemptTimeout(Duration.ofSeconds(30)));
    CompletableFuture<RunId> id = client.submit(REQUEST, Duration.ofSeconds(4));
    time.advance(Duration.ofSeconds(4));

    assertThat(id.join()).isEqualTo(RunId.of("run-1"));
    assertThat(server.received()).hasSize(2);
    assertThat(server.received().get(0).request().timeout()).isEqualTo(Duration.ofSeconds(4));
    Duration left = Duration.ofSeconds(4).minusNanos(server.received().get(1).atNanos() - server.received().get(0).atNanos());
    assertThat(server.received().get(1).request().timeout()).isEqualTo(left);
  }

  @Test
  void generatesDeadlineCoversItsCreate() {
    client(new RunbaseScript("pending").next(Reply.hang()));
    CompletableFuture<Run> run = client.generate(REQUEST, Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));

    assertThat(mayExist(failure(run)).getCause()).hasMessageContaining("deadline of 5s");
  }

  @Test
  void submitWithoutADeadlineEndsAtTheClientsDefaultDeadline() {
    RunbaseScript script = new RunbaseScript("succeeded");
    for (int i = 0; i < 100; i++) {
      script.next(Reply.of(429, TextCodec.error("RATE_LIMITED", "slow down")));
    }
    client(script, b -> b.deadline(Duration.ofSeconds(20)).rateBudget(dev.seedream.spi.RateBudget.unlimited())
        .retryPolicy(RetryPolicy.custom().maxAttempts(1000).maxBackoff(Duration.ofSeconds(1)).build()));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofSeconds(19));
    assertThat(id).isNotDone();
    time.advance(Duration.ofSeconds(1));

    assertThat(failure(id)).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("deadline of 20s");
  }

  private static RunMayExistException mayExist(Throwable error) {
    assertThat(error).isInstanceOf(RunMayExistException.class);
    return (RunMayExistException) error;
  }
}
