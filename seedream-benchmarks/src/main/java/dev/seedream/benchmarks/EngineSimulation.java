package dev.seedream.benchmarks;

import dev.seedream.ApiKey;
import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.SeedreamAsyncClient;
import dev.seedream.benchmarks.support.Stats;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.benchmarks.support.VirtualRunbase;
import dev.seedream.benchmarks.support.VirtualTime;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.testkit.Progression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Efficiency scenario with the engine itself, all its defaults, on virtual time: {@link
 * SeedreamAsyncClient} over {@link VirtualRunbase} (Runbase in memory: the fake's durations and the
 * documented limit), every timer and answer on one {@link VirtualTime}. No machine is in the way
 * (no stalls, no thread hand-offs; {@code latency} each way, 0 by default), so the figures are the
 * planner's own, and the gap between them and {@link Efficiency}'s is what the machine costs.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.EngineSimulation [concurrency runs [latency-ms]]
 * </pre>
 */
public final class EngineSimulation {
  private EngineSimulation() {}

  /** The figures of one seed. */
  public record Outcome(long seed, double makespan, double bound, int rateLimited, double requestsPerRun,
      double delayP50, double delayP95) {
    double ratio() {
      return makespan / bound;
    }
  }

  public static void main(String[] args) {
    int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10 * concurrency;
    Duration latency = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 0);
    PollPolicy policy = args.length > 3 ? policy(args[3]) : PollPolicy.ofDefaults();
    System.out.println("EngineSimulation: concurrency " + concurrency + ", " + runs + " runs, latency " + latency.toMillis()
        + " ms each way, " + policy + ", seeds 7..11, limit " + Efficiency.LIMIT + " per " + Efficiency.WINDOW.toSeconds() + " s");
    Table table = new Table("seed", "makespan s", "lower bound s", "makespan / bound", "429s", "requests / run",
        "of budget at 2 req / run", "finish-to-return p50 s", "p95 s");
    List<Outcome> outcomes = new ArrayList<>();
    for (long seed = 7; seed <= 11; seed++) {
      Outcome o = simulate(seed, concurrency, runs, latency, policy);
      outcomes.add(o);
      table.row(seed, Table.fmt(o.makespan(), 1), Table.fmt(o.bound(), 1), Table.fmt(o.ratio(), 3), o.rateLimited(),
          Table.fmt(o.requestsPerRun(), 2), Table.fmt(runs / o.makespan() / Efficiency.budgetRunsPerSecond(), 3),
          Table.fmt(o.delayP50(), 2), Table.fmt(o.delayP95(), 2));
    }
    table.row("mean", "", "", Table.fmt(outcomes.stream().mapToDouble(Outcome::ratio).average().orElseThrow(), 3),
        outcomes.stream().mapToInt(Outcome::rateLimited).sum(),
        Table.fmt(outcomes.stream().mapToDouble(Outcome::requestsPerRun).average().orElseThrow(), 2),
        Table.fmt(outcomes.stream().mapToDouble(o -> runs / o.makespan() / Efficiency.budgetRunsPerSecond()).average()
            .orElseThrow(), 3),
        Table.fmt(outcomes.stream().mapToDouble(Outcome::delayP50).average().orElseThrow(), 2),
        Table.fmt(outcomes.stream().mapToDouble(Outcome::delayP95).average().orElseThrow(), 2));
    System.out.println(table);
  }

  /** One seed: {@code concurrency} callers, each calling {@code generate} again as soon as one returns. */
  public static Outcome simulate(long seed, int concurrency, int runs, Duration latency, PollPolicy policy) {
    Progression progression = Progression.lognormal(Efficiency.MEDIAN, Efficiency.SIGMA);
    VirtualTime time = new VirtualTime();
    VirtualRunbase runbase = new VirtualRunbase(time, seed, progression, Efficiency.LIMIT, Efficiency.WINDOW, latency);
    List<Double> delays = new ArrayList<>();
    int[] started = {0};
    int[] returned = {0};
    double[] lastReturn = {0};
    try (SeedreamAsyncClient client = SeedreamAsyncClient.builder()
        .apiKey(ApiKey.of("sk-simulation"))
        .transport((AsyncHttpTransport) runbase)
        .scheduler(time)
        .pollPolicy(policy)
        .build()) {
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (started[0] >= runs) {
          return;
        }
        started[0]++;
        client.generate(GenerationRequest.builder().prompt("simulated run").build()).whenComplete((run, error) -> {
          if (error != null) {
            throw new IllegalStateException("generate failed in the simulation", error);
          }
          int n = index(run);
          delays.add((time.nanoTime() - runbase.endedAt(n)) / 1e9);
          returned[0]++;
          lastReturn[0] = time.seconds();
          next[0].run();
        });
      };
      for (int slot = 0; slot < concurrency; slot++) {
        time.schedule(next[0], Duration.ZERO);
      }
      time.runUntil(() -> returned[0] == runs, Duration.ofHours(10));
    }
    List<Double> drawn = new ArrayList<>();
    for (int n = 0; n < runs; n++) {
      drawn.add(dev.seedream.benchmarks.support.FakeDurations.of(seed, n, progression).toNanos() / 1e9);
    }
    double bound = Math.max(Efficiency.requestBound(2 * runs), Efficiency.listSchedulingBound(drawn, concurrency));
    return new Outcome(seed, lastReturn[0], bound, runbase.rateLimited(),
        (runbase.creates() + runbase.reads()) / (double) runs, Stats.percentile(delays, 50), Stats.percentile(delays, 95));
  }

  /**
   * A poll policy from {@code quantiles[/interval-seconds[/max-interval-seconds]]}, e.g. {@code 0.5,0.7,0.85,0.95/1/5}
   * (the defaults).
   */
  static PollPolicy policy(String spec) {
    String[] parts = spec.split("/");
    PollPolicy.Builder builder = PollPolicy.custom()
        .quantiles(java.util.Arrays.stream(parts[0].split(",")).mapToDouble(Double::parseDouble).toArray());
    if (parts.length > 1) {
      builder.interval(Duration.ofMillis(Math.round(Double.parseDouble(parts[1]) * 1000)));
    }
    if (parts.length > 2) {
      builder.maxInterval(Duration.ofMillis(Math.round(Double.parseDouble(parts[2]) * 1000)));
    }
    return builder.build();
  }

  private static int index(Run run) {
    String id = run.id().value();
    return Integer.parseInt(id.substring(id.indexOf('-') + 1));
  }
}
