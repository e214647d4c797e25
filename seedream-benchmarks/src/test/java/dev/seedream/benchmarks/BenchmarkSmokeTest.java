package dev.seedream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.benchmarks.jmh.CodecBenchmark;
import dev.seedream.benchmarks.jmh.SkimmerBenchmark;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The smoke mode of every benchmark: each runs small and its outcome is checked for what must hold
 * whatever the machine's speed (every call completed, no duplicate run, figures present). No timing
 * is asserted: the numbers are for docs/performance.md.
 */
class BenchmarkSmokeTest {

  @Test
  void efficiencyRunsEveryGenerationOnceThroughBothClients() throws Exception {
    Efficiency.Config config = Efficiency.Config.smoke();
    List<Efficiency.Outcome> outcomes = Efficiency.run(config);

    assertThat(outcomes).hasSize(2);
    for (Efficiency.Outcome outcome : outcomes) {
      assertThat(outcome.runs()).as(outcome.client()).isEqualTo(config.runs());
      assertThat(outcome.runsCreated()).as("no duplicate run: " + outcome.client()).isEqualTo(config.runs());
      assertThat(outcome.requestsPerRun()).as(outcome.client()).isGreaterThanOrEqualTo(2.0);
      // the durations repeated from the fake's draw are never longer than what the fake showed
      assertThat(outcome.minObservedMinusDrawnSeconds()).as(outcome.client()).isGreaterThanOrEqualTo(0.0);
      assertThat(outcome.makespanSeconds()).isGreaterThanOrEqualTo(outcome.durationBoundSeconds());
    }
    assertThat(Efficiency.table(outcomes).rows()).hasSize(2);
  }

  @Test
  void theSimulationNeverBeatsTheBoundAndCreatesFirstShortensTheMakespan() {
    for (long seed = 7; seed <= 11; seed++) {
      PollSimulation.Outcome fixed = PollSimulation.simulate(PollSimulation.Policy.fixed(), seed, 10, 100);
      PollSimulation.Outcome first = PollSimulation.simulate(PollSimulation.Policy.fixedCreatesFirst(), seed, 10, 100);
      PollSimulation.Outcome ladder = PollSimulation.simulate(PollSimulation.Policy.engine(), seed, 10, 100);

      assertThat(fixed.makespan()).as("seed " + seed).isGreaterThanOrEqualTo(fixed.bound());
      assertThat(ladder.makespan()).as("seed " + seed).isGreaterThanOrEqualTo(ladder.bound());
      assertThat(first.makespan()).as("seed " + seed).isLessThan(fixed.makespan());
      assertThat(ladder.requestsPerRun()).as("a create and at least one poll").isGreaterThanOrEqualTo(2.0);
    }
    assertThat(PollSimulation.simulate(PollSimulation.Policy.engine(), 7, 10, 100))
        .as("deterministic").isEqualTo(PollSimulation.simulate(PollSimulation.Policy.engine(), 7, 10, 100));
  }

  @Test
  void theEngineOnVirtualTimeReturnsEveryRunWithinTheLimitAndNeverBeatsTheBound() {
    for (long latencyMs : new long[] {0, 30}) {
      EngineSimulation.Outcome outcome =
          EngineSimulation.simulate(7, 10, 40, java.time.Duration.ofMillis(latencyMs), dev.seedream.PollPolicy.ofDefaults());
      assertThat(outcome.rateLimited()).as("answers of 429 at latency " + latencyMs).isZero();
      assertThat(outcome.makespan()).isGreaterThanOrEqualTo(outcome.bound());
      assertThat(outcome.requestsPerRun()).as("a create and at least one poll").isGreaterThanOrEqualTo(2.0);
    }
    assertThat(EngineSimulation.simulate(8, 10, 40, java.time.Duration.ZERO, dev.seedream.PollPolicy.ofDefaults()))
        .as("deterministic")
        .isEqualTo(EngineSimulation.simulate(8, 10, 40, java.time.Duration.ZERO, dev.seedream.PollPolicy.ofDefaults()));
  }

  @Test
  void theGreedyModelNeverBeatsTheBound() {
    double[] outcome = GreedyPollSimulation.simulate(7, 10, 100, 0.4, 0, 1, false);
    assertThat(outcome[0]).as("makespan / bound").isGreaterThanOrEqualTo(1.0);
    assertThat(outcome[1]).as("requests / run").isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void lowerBoundsFollowTheirDefinitions() {
    assertThat(Efficiency.requestBound(200)).isEqualTo(90.0);
    assertThat(Efficiency.requestBound(20)).isEqualTo(0.0);
    assertThat(Efficiency.requestBound(21)).isEqualTo(10.0);
    assertThat(Efficiency.listSchedulingBound(List.of(3.0, 1.0, 1.0, 1.0), 2)).isEqualTo(3.0);
    assertThat(Efficiency.listSchedulingBound(List.of(1.0, 1.0, 1.0), 2)).isEqualTo(2.0);
  }

  @Test
  void overheadReadsTheRunThroughTheSdkAndRaw() throws Exception {
    Overhead.Outcome outcome = Overhead.blocking(Overhead.Config.smoke());

    assertThat(outcome.sdkPerSecond()).isPositive();
    assertThat(outcome.rawPerSecond()).isPositive();
    assertThat(outcome.medianRoundRatio()).isPositive().isFinite();
  }

  @Test
  void overheadReadsTheRunThroughTheReactiveClientAndRawReactorNetty() throws Exception {
    Overhead.Outcome outcome = Overhead.reactive(Overhead.Config.smoke());

    assertThat(outcome.sdkPerSecond()).isPositive();
    assertThat(outcome.rawPerSecond()).isPositive();
    assertThat(outcome.medianRoundRatio()).isPositive().isFinite();
  }

  @Test
  void scaleCompletesEveryConcurrentReactiveGenerate() throws Exception {
    Scale.Outcome outcome = Scale.reactive(200, 0);

    assertThat(outcome.succeeded()).isEqualTo(200);
    assertThat(outcome.runsCreated()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(ScaleWaits.Client.class)
  void scaleOfWaitingHoldsEveryWaitPendingWhileMeasuredAndLeavesNoClientThreadOnClose(ScaleWaits.Client client) throws Exception {
    ScaleWaits.Outcome outcome = ScaleWaits.measure(client, 100);

    assertThat(outcome.pendingWhileMeasured()).as("every wait still pending while measured").isEqualTo(100);
    assertThat(outcome.minPolls()).as("every run polled by the client before it is measured").isPositive();
    assertThat(outcome.cancelledOnClose()).as("close ends every wait with CancelledException").isEqualTo(100);
    assertThat(outcome.fakeBytesPerRun()).isPositive().isFinite();
    assertThat(outcome.bytesPerWaitingRun()).isPositive().isFinite();
    assertThat(outcome.aboveIdleBytesPerRun()).isPositive().isFinite();
    assertThat(outcome.threadsAdded()).isPositive();
    assertThat(outcome.threadNames()).containsKeys(client == ScaleWaits.Client.APACHE
        ? new String[] {"seedream-io", "seedream-scheduler", "seedream-apache-watchdog"}
        : new String[] {"seedream-reactor-epoll"});
    assertThat(outcome.leftNames().keySet()).as("threads of the client left after close")
        .noneMatch(name -> name.startsWith("seedream-"));
    assertThat(outcome.secondsToAllPolled()).isPositive();
    assertThat(ScaleWaits.table(List.of(outcome)).rows()).hasSize(1);
  }

  @Test
  void downloadsWriteTheWholeImageThroughReactorNetty() throws Exception {
    Downloads.Config config = Downloads.Config.smoke();
    Downloads.Outcome outcome = Downloads.reactive(config);

    assertThat(outcome.bytesWritten()).isEqualTo(config.megabytes() * 1024L * 1024L);
    assertThat(outcome.megabytesPerSecond()).isPositive();
  }

  @Test
  void scaleCompletesEveryConcurrentBlockingGenerate() throws Exception {
    Scale.Outcome outcome = Scale.blocking(50);

    assertThat(outcome.succeeded()).isEqualTo(50);
    assertThat(outcome.runsCreated()).isEqualTo(50);
  }

  @Test
  void downloadsWriteTheWholeImage() throws Exception {
    Downloads.Config config = Downloads.Config.smoke();
    Downloads.Outcome outcome = Downloads.blocking(config);

    assertThat(outcome.bytesWritten()).isEqualTo(config.megabytes() * 1024L * 1024L);
    assertThat(outcome.megabytesPerSecond()).isPositive();
  }

  @Test
  void jmhBenchmarksRunAndReportEveryMethod() throws Exception {
    Options options = new OptionsBuilder()
        .include(CodecBenchmark.class.getName())
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(50))
        .build();

    Collection<RunResult> results = new Runner(options).run();

    assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
        .containsExactlyInAnyOrder("encodeRequest", "decodeRun", "validateRequest");
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void theSkimmerBenchmarkReadsTheSameRunAsAWholeRead() throws Exception {
    SkimmerBenchmark skimmer = new SkimmerBenchmark();
    skimmer.makeAnswer();

    assertThat(skimmer.answerBytes()).isGreaterThan(13_000_000);
    assertThat(skimmer.skimHeapChunks()).isEqualTo(skimmer.readWhole());
    assertThat(skimmer.skimDirectChunks()).isEqualTo(skimmer.readWhole());
    assertThat(skimmer.readWhole().outputUrls()).hasSize(1);
  }
}
