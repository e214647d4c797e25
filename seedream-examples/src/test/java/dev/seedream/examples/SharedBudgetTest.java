package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Two clients on one key in one JVM, a blocking and a reactive one, built with no budget of their
 * own: together they hold Runbase's limit, as the server counts it per key.
 */
class SharedBudgetTest {
  static final PollPolicy FAST =
      PollPolicy.custom().initialDelay(Duration.ofMillis(50)).interval(Duration.ofMillis(100)).build();

  @Test
  void aBlockingAndAReactiveClientOnOneKeyGetNo429AtTheDocumentedLimit() throws Exception {
    // the documented limit (20 in any 10 s), runs that end at their first poll: 64 requests, ~31 s
    try (FakeRunbase fake = FakeRunbase.builder().progression(Progression.afterPolls(0, 0)).start();
        SeedreamClient blocking = SeedreamClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).pollPolicy(FAST).build();
        ReactiveSeedreamClient reactive =
            ReactiveSeedreamClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).pollPolicy(FAST).build()) {
      GenerationRequest request = GenerationRequest.builder().prompt("A ceramic lamp").build();
      ExecutorService callers = Executors.newFixedThreadPool(16);
      try {
        List<CompletableFuture<Run>> blockingRuns = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          blockingRuns.add(CompletableFuture.supplyAsync(() -> blocking.generate(request), callers));
        }
        List<Run> reactiveRuns =
            Flux.range(0, 16).flatMap(i -> reactive.generate(request), 16).collectList().block(Duration.ofMinutes(3));

        assertThat(reactiveRuns).hasSize(16).allMatch(run -> run.status() == RunStatus.SUCCEEDED);
        for (CompletableFuture<Run> run : blockingRuns) {
          assertThat(run.get(3, TimeUnit.MINUTES).status()).isEqualTo(RunStatus.SUCCEEDED);
        }
      } finally {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(fake.journal().answered(429)).isEmpty();
      fake.journal().assertRunsCreated(32);
    }
  }
}
