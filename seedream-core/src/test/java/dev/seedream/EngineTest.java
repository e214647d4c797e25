package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine on virtual time against a scripted server: no threads, no sleeps. */
class EngineTest {
  static final String KEY = "sk-test-engine-0123456789";
  static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("a ceramic lamp").build();

  final VirtualScheduler time = new VirtualScheduler();
  SeedreamAsyncClient client;
  ScriptedServer server;

  SeedreamAsyncClient client(RunbaseScript script) {
    return client(script, ClientBuilderCustomizer.NONE);
  }

  interface ClientBuilderCustomizer {
    ClientBuilderCustomizer NONE = builder -> builder;

    ClientBuilder<SeedreamAsyncClient> apply(ClientBuilder<SeedreamAsyncClient> builder);
  }

  SeedreamAsyncClient client(RunbaseScript script, ClientBuilderCustomizer customizer) {
    server = new ScriptedServer(time::nanoTime, script);
    client =
        customizer
            .apply(
                SeedreamAsyncClient.builder()
                    .apiKey(KEY)
                    .baseUrl("https://runbase.test")
                    .transport(server)
                    .codec(new TextCodec())
                    .scheduler(time)
                    .retryPolicy(RetryPolicy.custom().random(new Random(7)).build()))
            .build();
    return client;
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  static <T> Throwable failure(CompletableFuture<T> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }

  @Test
  void generateWaitsThroughPendingAndProcessingAndReturnsTheOutputUrls() {
    client(new RunbaseScript("pending", "processing", "succeeded"));
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(run).isCompleted();
    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.join().outputUrls()).containsExactly(URI.create("https://cdn.example/run-1/0.png"));
    assertThat(server.count("POST")).isEqualTo(1);
    assertThat(server.count("GET")).isEqualTo(3);
    Received create = server.received().get(0);
    assertThat(create.request().headers()).containsEntry("Authorization", "Bearer " + KEY);
    assertThat(create.request().headers()).containsEntry("Content-Type", "application/json");
    assertThat(new String(create.request().body())).contains("model=bytedance/seedream-4.5", "prompt=a ceramic lamp");
  }

  @Test
  void aFailedRunRaisesRunFailedWithTheServersMessageAndCode() {
    RunbaseScript script = new RunbaseScript("pending");
    script.onGet(r -> Reply.of(200, TextCodec.run("run-1", "failed") + "\nerror=content flagged\ncode=nsfw"));
    client(script);
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(1));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(RunFailedException.class).hasMessageContaining("content flagged").hasMessageContaining("nsfw");
    RunFailedException failed = (RunFailedException) error;
    assertThat(failed.error()).contains(RunError.of("content flagged", "nsfw"));
    assertThat(failed.runId()).contains(RunId.of("run-1"));
  }

  @Test
  void anUnknownStatusKeepsPollingUntilATerminalOne() {
    RunbaseScript script = new RunbaseScript("queued_for_gpu", "warming_up", "warming_up", "succeeded");
    client(script);
    List<RunStatus> seen = new ArrayList<>();
    CompletableFuture<Run> run =
        client.submit(REQUEST).thenCompose(id -> client.watch(id, null, r -> seen.add(r.status())));
    time.advance(Duration.ofMinutes(1));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(seen).extracting(RunStatus::value).containsExactly("queued_for_gpu", "warming_up", "succeeded");
    assertThat(script.polls("run-1")).isEqualTo(4);
  }

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
  void aCreateThatTimedOutAfterSendingIsNotRetried() {
    RunbaseScript script = new RunbaseScript("succeeded").next(Reply.hang());
    client(script, b -> b.attemptTimeout(Duration.ofSeconds(5)));
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(2));

    Throwable error = failure(id);
    assertThat(error).isInstanceOf(TransportException.class);
    assertThat(((TransportException) error).reason()).isEqualTo(TransportException.Reason.TIMEOUT);
    assertThat(server.count("POST")).isEqualTo(1);
    assertThat(server.hangingCancelled()).isEqualTo(1);
  }

  @Test
  void aCreateResetAfterSendingIsNotRetried() {
    RunbaseScript script = new RunbaseScript("succeeded")
        .next(Reply.fail(new TransportException(TransportException.Reason.CONNECTION_CLOSED, "reset", null)));
    client(script);
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(id)).isInstanceOf(TransportException.class);
    assertThat(server.count("POST")).isEqualTo(1);
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

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 504})
  void aCreateAnsweredWithAServerErrorIsNotRetried(int status) {
    RunbaseScript script = new RunbaseScript("succeeded").next(Reply.of(status, ""));
    client(script);
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.advance(Duration.ofMinutes(1));

    assertThat(failure(id)).isInstanceOf(ServerException.class);
    assertThat(server.count("POST")).isEqualTo(1);
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

  @Test
  void fiftyRunsInFlightNeverPutMoreThanTwentyRequestsIntoAnyTenSecondWindow() {
    RunbaseScript script = new RunbaseScript("pending", "processing", "processing", "succeeded");
    client(script);
    List<CompletableFuture<Run>> runs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      runs.add(client.generate(REQUEST));
    }
    time.advance(Duration.ofMinutes(9));

    assertThat(runs).allSatisfy(run -> assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED));
    List<Received> all = server.received();
    assertThat(all).hasSize(50 + 50 * 4);
    for (int i = 20; i < all.size(); i++) {
      long span = all.get(i).atNanos() - all.get(i - 20).atNanos();
      assertThat(span).as("requests %d..%d", i - 20, i).isGreaterThanOrEqualTo(Duration.ofSeconds(10).toNanos());
    }
  }

  @Test
  void whenTheDeadlinePassesTheDeadlineErrorIsRaisedAndNoFurtherRequestIsMade() {
    RunbaseScript script = new RunbaseScript("processing");
    client(script, b -> b.pollPolicy(PollPolicy.custom().initialDelay(Duration.ofSeconds(1)).build()));
    CompletableFuture<Run> run = client.generate(REQUEST, Duration.ofSeconds(30));
    time.advance(Duration.ofSeconds(31));

    Throwable error = failure(run);
    assertThat(error).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("run-1").hasMessageContaining("processing");
    int requests = server.received().size();
    time.advance(Duration.ofMinutes(10));
    assertThat(server.received()).hasSize(requests);
    assertThat(time.pending()).isZero();
  }

  @Test
  void cancellingAWaitStopsItsPollingAtOnce() {
    RunbaseScript script = new RunbaseScript("processing");
    client(script, b -> b.pollPolicy(PollPolicy.custom().initialDelay(Duration.ofSeconds(1)).build()));
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofSeconds(5));
    int requests = server.received().size();
    assertThat(requests).isGreaterThan(2);

    run.cancel(true);
    time.advance(Duration.ofMinutes(20));
    assertThat(server.received()).hasSize(requests);
    assertThat(time.pending()).isZero();
  }

  @Test
  void cancellingAPollInFlightAbortsTheExchange() {
    RunbaseScript script = new RunbaseScript("processing");
    script.onGet(r -> Reply.hang());
    client(script, b -> b.pollPolicy(PollPolicy.custom().initialDelay(Duration.ofSeconds(1)).build()));
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofSeconds(2));
    assertThat(server.hangingOpen()).isEqualTo(1);

    run.cancel(true);
    assertThat(server.hangingOpen()).isZero();
    assertThat(server.hangingCancelled()).isEqualTo(1);
  }

  @Test
  void theFirstPollComesLaterOnceRunsHaveBeenSeenToTakeTenSeconds() {
    RunbaseScript script = new RunbaseScript("processing");
    script.onGet(r -> {
      long age = r.atNanos() - server.received().stream()
          .filter(x -> x.method().equals("POST")).reduce((a, b) -> b).get().atNanos();
      String status = age >= Duration.ofSeconds(10).toNanos() ? "succeeded" : "processing";
      return Reply.of(200, TextCodec.run(id(r), status, "https://cdn.example/x.png"));
    });
    client(script, b -> b.pollPolicy(PollPolicy.custom().initialDelay(Duration.ofSeconds(2)).build()));
    Duration firstBefore = firstPollDelay();
    // teach it with a few runs
    for (int i = 0; i < 3; i++) {
      firstPollDelay();
    }
    Duration firstAfter = firstPollDelay();

    assertThat(firstBefore).isEqualTo(Duration.ofSeconds(2));
    assertThat(firstAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(9)).isLessThanOrEqualTo(Duration.ofSeconds(12));
  }

  private Duration firstPollDelay() {
    int before = server.received().size();
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(1));
    assertThat(run).isCompleted();
    List<Received> mine = server.received().subList(before, server.received().size());
    return Duration.ofNanos(mine.get(1).atNanos() - mine.get(0).atNanos());
  }

  private static String id(Received request) {
    return request.path().substring(request.path().lastIndexOf('/') + 1);
  }

  private RunId submit() {
    CompletableFuture<RunId> id = client.submit(REQUEST);
    time.runDue();
    return id.join();
  }

  private List<Received> gets() {
    return server.received().stream().filter(r -> r.method().equals("GET")).toList();
  }

  @Test
  void cancelledRequestsGiveTheirPlacesInTheBudgetBack() {
    RunbaseScript script = new RunbaseScript("succeeded");
    boolean[] hang = {true};
    script.onGet(r -> hang[0] ? Reply.hang() : null);
    client(script, b -> b.rateBudget(dev.seedream.spi.RateBudget.slidingWindow(2, Duration.ofSeconds(10))));
    RunId id = submit();
    time.advance(Duration.ofSeconds(11));
    List<CompletableFuture<Run>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(client.get(id));
    }
    time.runDue();
    assertThat(server.hangingOpen()).isEqualTo(2);

    calls.forEach(call -> call.cancel(true));
    hang[0] = false;
    CompletableFuture<Run> next = client.get(id);
    time.advance(Duration.ofMillis(10_249));
    assertThat(next).isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(next).isCompleted();
    assertThat(next.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(gets()).hasSize(3);
    assertThat(server.hangingCancelled()).isEqualTo(2);
  }

  @Test
  void aClosedClientFailsNewCallsAndPendingWaits() {
    client(new RunbaseScript("processing"));
    CompletableFuture<Run> run = client.generate(REQUEST);
    time.runDue();
    client.close();

    assertThat(failure(run)).isInstanceOf(CancelledException.class);
    assertThatThrownBy(() -> client.get(RunId.of("x")).join()).hasCauseInstanceOf(CancelledException.class);
    assertThat(time.pending()).isZero();
  }
}
