package dev.seedream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.HeapSampler;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 20,160 polls (48 runs of 420 polls, 8 at a time) through one client against the fake (rate limit off, polls 1 ms apart): the heap after
 * a full GC and the live thread count at the end are those after the warm-up, within a small margin.
 */
@ExtendWith(Canary.class)
class SoakTest {
  static final int POLLS_PER_RUN = 420;
  static final int RUNS = 48;
  static final int WARM_UP_RUNS = 8;
  static final int CALLERS = 8;
  static final long HEAP_MARGIN = 4L * 1024 * 1024;
  static final int THREAD_MARGIN = 2;

  static Stream<String> transports() {
    return TransportUnderTest.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void twentyThousandPollsLeaveNeitherHeapNorThreadsBehind(String transportName) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder()
            .apiKeys(Canary.KEY)
            .noRateLimit()
            .journalSize(1_000)
            .progression(Progression.afterPolls(0, POLLS_PER_RUN - 1))
            .start();
         TransportUnderTest transport = TransportUnderTest.create(transportName);
         SeedreamClient client = transport.client(SeedreamClient.builder()
             .baseUrl(fake.baseUrl())
             .rateBudget(RateBudget.unlimited())
             .pollPolicy(PollPolicy.custom().initialDelay(Duration.ofMillis(1)).interval(Duration.ofMillis(1))
                 .maxInterval(Duration.ofMillis(1)).learning(false).build()))) {
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      try {
        generate(client, callers, WARM_UP_RUNS);
        long heapAfterWarmUp = HeapSampler.usedAfterGc();
        int threadsAfterWarmUp = Thread.activeCount();

        generate(client, callers, RUNS - WARM_UP_RUNS);

        long heapAtEnd = HeapSampler.usedAfterGc();
        int threadsAtEnd = Thread.activeCount();
        System.out.printf("soak %s: heap after warm-up %d B, at end %d B (growth %d B); threads %d -> %d%n",
            transportName, heapAfterWarmUp, heapAtEnd, heapAtEnd - heapAfterWarmUp, threadsAfterWarmUp, threadsAtEnd);
        int polls = fake.runs().stream().mapToInt(r -> r.polls()).sum();
        assertThat(polls).isGreaterThanOrEqualTo(RUNS * POLLS_PER_RUN);
        assertThat(fake.runs()).hasSize(RUNS);
        assertThat(heapAtEnd - heapAfterWarmUp).as("heap growth after a full GC, bytes").isLessThan(HEAP_MARGIN);
        assertThat(threadsAtEnd - threadsAfterWarmUp).as("thread growth").isLessThanOrEqualTo(THREAD_MARGIN);
        assertThat(transport.leasedAfterSettling()).isZero();
      } finally {
        callers.shutdownNow();
      }
    }
  }

  private static void generate(SeedreamClient client, ExecutorService callers, int runs) throws Exception {
    List<Future<Run>> futures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      int index = i;
      futures.add(callers.submit(() -> client.generate(GenerationRequest.builder().prompt("soak " + index).build())));
    }
    for (Future<Run> future : futures) {
      assertThat(future.get().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }
}
