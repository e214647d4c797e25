package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The engine on virtual time against a scripted server: no threads, no sleeps. */
class EngineTest extends EngineTestSupport {
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
        client.submit(REQUEST).thenCompose(id -> client.watch(id, r -> seen.add(r.status())));
    time.advance(Duration.ofMinutes(1));

    assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(seen).extracting(RunStatus::value).containsExactly("queued_for_gpu", "warming_up", "succeeded");
    assertThat(script.polls("run-1")).isEqualTo(4);
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
    assertThat(((DeadlineExceededException) error).deadline()).as("the deadline the caller gave").isEqualTo(Duration.ofSeconds(30));
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
  void aCreateGoesBeforeAPollThatWasDueEarlierWhenBothWaitForTheBudget() {
    client(new RunbaseScript("succeeded"),
        b -> b.rateBudget(dev.seedream.spi.RateBudget.slidingWindow(1, Duration.ofSeconds(10))));
    CompletableFuture<Run> first = client.generate(REQUEST);
    time.advance(Duration.ofSeconds(7)); // its first poll became due at 5 s and waits for the budget
    CompletableFuture<Run> second = client.generate(REQUEST);
    time.advance(Duration.ofMinutes(2));

    assertThat(first.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(second.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(server.received()).extracting(Received::method).startsWith("POST", "POST", "GET");
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
    assertThat(server.hangingOpen()).as("one in flight; the other place is kept for the create it may bring")
        .isEqualTo(1);

    // the waiting ones first: cancelling the one in flight first would let the next one go
    for (int i = calls.size() - 1; i >= 0; i--) {
      calls.get(i).cancel(true);
    }
    hang[0] = false;
    CompletableFuture<Run> free = client.get(id);
    time.runDue();
    assertThat(free).as("the four cancelled in the queue took no place").isCompleted();
    CompletableFuture<Run> next = client.get(id);
    time.advance(Duration.ofMillis(10_249));
    assertThat(next).as("the cancelled one in flight holds its place a window after it was cancelled").isNotDone();
    time.advance(Duration.ofMillis(1));
    assertThat(next).isCompleted();
    assertThat(next.join().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(gets()).hasSize(3);
    assertThat(server.hangingCancelled()).isEqualTo(1);
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
