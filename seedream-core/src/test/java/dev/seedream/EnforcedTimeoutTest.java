package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine times an attempt itself only when the transport does not say that it ends it by its timeout. */
class EnforcedTimeoutTest extends EngineTestSupport {
  private static final Duration ATTEMPT = Duration.ofSeconds(5);

  @Test
  void aTransportThatDoesNotEnforceItsTimeoutGetsATimerOfTheEnginePerAttempt() {
    client(new RunbaseScript("pending").onGet(r -> Reply.hang()), b -> b.attemptTimeout(ATTEMPT));

    client.get(RunId.of("run-1"));

    assertThat(time.pending()).isEqualTo(1);
    time.advance(ATTEMPT.plusSeconds(1));
    assertThat(server.hangingCancelled()).isEqualTo(1);
  }

  @Test
  void aTransportThatEnforcesItsTimeoutGetsNoTimerOfTheEngine() {
    client(new RunbaseScript("pending").onGet(r -> Reply.hang()),
        b -> b.attemptTimeout(ATTEMPT).transport(enforcing(server)));

    CompletableFuture<Run> read = client.get(RunId.of("run-1"));

    assertThat(time.pending()).isZero();
    time.advance(ATTEMPT.multipliedBy(3));
    assertThat(server.hangingCancelled()).as("only the transport ends its exchange").isZero();
    assertThat(read).isNotDone();
  }

  @Test
  void aTimeoutOfTheTransportReachesTheCallerAsTheEnginesOwnTimeoutDoes() {
    client(new RunbaseScript("succeeded").next(Reply.hang()), b -> b.attemptTimeout(ATTEMPT));
    CompletableFuture<RunId> timedByTheEngine = client.submit(REQUEST);
    time.advance(ATTEMPT.plusSeconds(1));
    Throwable engines = failure(timedByTheEngine);
    client.close();

    TransportException transports =
        new TransportException(TransportException.Reason.TIMEOUT, true, "the transport's own words", null);
    client(new RunbaseScript("succeeded").next(Reply.fail(transports)),
        b -> b.attemptTimeout(ATTEMPT).transport(enforcing(server)));
    CompletableFuture<RunId> timedByTheTransport = client.submit(REQUEST);
    time.runDue();
    Throwable theirs = failure(timedByTheTransport);

    assertThat(engines).isInstanceOf(RunMayExistException.class);
    assertThat(theirs).isInstanceOf(RunMayExistException.class);
    TransportException cause = (TransportException) theirs.getCause();
    assertThat(cause.getMessage())
        .isEqualTo(engines.getCause().getMessage())
        .isEqualTo("POST /api/v1/runs got no complete answer within PT5S: the request may have reached the server");
    assertThat(cause.reason()).isEqualTo(TransportException.Reason.TIMEOUT);
    assertThat(cause.requestSent()).isTrue();
    assertThat(cause.getCause()).isSameAs(transports);
  }

  @Test
  void aTimeoutBeforeAnythingWasSentSaysSoAndTheCreateIsTriedAgain() {
    TransportException unsent =
        new TransportException(TransportException.Reason.TIMEOUT, false, "no pooled connection in time", null);
    client(new RunbaseScript("succeeded").next(Reply.fail(unsent)),
        b -> b.attemptTimeout(ATTEMPT).transport(enforcing(server)));

    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(id.join()).isEqualTo(RunId.of("run-1"));
    assertThat(server.count("POST")).isEqualTo(2);
  }

  @Test
  void anAttemptCutToTheRestOfTheDeadlineEndsTheWaitNamingTheFailureMetBefore() {
    TransportException cutAtTheDeadline =
        new TransportException(TransportException.Reason.TIMEOUT, true, "the rest of the deadline passed", null);
    AtomicInteger polls = new AtomicInteger();
    client(new RunbaseScript("pending").onGet(r -> polls.incrementAndGet() == 1
            ? Reply.of(502, "<html>Bad Gateway</html>") : Reply.fail(cutAtTheDeadline)),
        b -> b.attemptTimeout(ATTEMPT).transport(enforcing(server)));

    CompletableFuture<Run> run = client.await(RunId.of("run-1"), Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(2));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(DeadlineExceededException.class);
    assertThat(((DeadlineExceededException) error).runId()).contains(RunId.of("run-1"));
    assertThat(error.getCause()).as("the deadline, not the cut attempt, ended the wait").isInstanceOf(ServerException.class);
    assertThat(polls.get()).isEqualTo(2);
  }

  @Test
  void aFirstAttemptCutToTheDeadlineNamesItsTimeout() {
    TransportException cutAtTheDeadline =
        new TransportException(TransportException.Reason.TIMEOUT, true, "the rest of the deadline passed", null);
    client(new RunbaseScript("pending").onGet(r -> Reply.fail(cutAtTheDeadline)),
        b -> b.attemptTimeout(ATTEMPT).transport(enforcing(server)));

    CompletableFuture<Run> run = client.await(RunId.of("run-1"), Duration.ofSeconds(1));
    time.advance(Duration.ofSeconds(2));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(DeadlineExceededException.class);
    assertThat(error.getCause()).isInstanceOf(TransportException.class);
    assertThat(((TransportException) error.getCause()).reason()).isEqualTo(TransportException.Reason.TIMEOUT);
  }

  /** The scripted server, saying that it ends every exchange by its timeout. */
  private static AsyncHttpTransport enforcing(ScriptedServer server) {
    return new AsyncHttpTransport() {
      @Override
      public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
        return server.exchange(request);
      }

      @Override
      public CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
        return server.download(request, sink);
      }

      @Override
      public boolean enforcesTimeout() {
        return true;
      }
    };
  }
}
