package dev.seedream.benchmarks;

import dev.seedream.benchmarks.support.FakeDurations;
import dev.seedream.benchmarks.support.Stats;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.testkit.Progression;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A model of the Efficiency scenario without a network, to choose the engine's poll planner by
 * numbers: {@code concurrency} slots each create a run, poll it until it has ended, and start the
 * next, through one budget of {@value Efficiency#LIMIT} requests per window (plus the budget's
 * 250 ms margin), every request answered at once. Durations are the fake's draws ({@link
 * FakeDurations}) in the order of creation; what a policy learns is the true duration of each run
 * that ended (the fake's {@code completed_at}). Each policy's makespan is divided by the same
 * lower bound as in {@link Efficiency} (the list-scheduling makespan, or the request bound).
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.PollSimulation [concurrency runs]
 * </pre>
 */
public final class PollSimulation {
  static final double WINDOW = Efficiency.WINDOW.toSeconds() + 0.25;
  static final int SAMPLES = 32;

  private PollSimulation() {}

  /** When a run is polled: the ladder of quantiles, the gaps, and whether creates go first. */
  /** The engine's defaults are {@link #engine()}. */
  public record Policy(String name, double[] quantiles, double interval, double multiplier, double maxInterval,
      boolean createsFirst, boolean laterWhileQueued) {

    static Policy fixed() {
      return new Policy("fixed: median, then 1 s x1.5 up to 5 s (before)", new double[] {0.5}, 1, 1.5, 5, false, false);
    }

    static Policy fixedCreatesFirst() {
      return new Policy("fixed, creates first", new double[] {0.5}, 1, 1.5, 5, true, false);
    }

    /** The engine's defaults: p50, p70, p85, p95, creates first, later while queued. */
    static Policy engine() {
      return ladder(new double[] {0.5, 0.7, 0.85, 0.95}, true, true);
    }

    static Policy ladder(double[] quantiles, boolean createsFirst, boolean laterWhileQueued) {
      return new Policy("p" + Arrays.toString(Arrays.stream(quantiles).mapToLong(q -> Math.round(q * 100)).toArray())
          + (createsFirst ? ", creates first" : "") + (laterWhileQueued ? ", later while queued" : ""),
          quantiles, 1, 1.5, 5, createsFirst, laterWhileQueued);
    }
  }

  /** The figures of one policy on one seed. */
  public record Outcome(double makespan, double bound, double requestsPerRun, double delayP50, double delayP95) {
    double ratio() {
      return makespan / bound;
    }
  }

  public static void main(String[] args) {
    int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10 * concurrency;
    List<Policy> policies = List.of(
        Policy.fixed(),
        Policy.fixedCreatesFirst(),
        Policy.ladder(new double[] {0.5, 0.7, 0.85, 0.95}, false, false),
        Policy.ladder(new double[] {0.5, 0.7, 0.85, 0.95}, true, false),
        Policy.engine(),
        Policy.ladder(new double[] {0.4, 0.6, 0.75, 0.9}, true, true),
        Policy.ladder(new double[] {0.6, 0.8, 0.95}, true, true),
        Policy.ladder(new double[] {0.5, 0.8, 0.95}, true, true));
    System.out.println("PollSimulation: concurrency " + concurrency + ", " + runs + " runs, seeds 7..11, budget "
        + Efficiency.LIMIT + " per " + WINDOW + " s, lognormal(median 12 s, sigma 0.4)");
    Table table = new Table("policy", "seed 7", "8", "9", "10", "11", "mean makespan / bound", "requests / run",
        "finish-to-return p50 s", "p95 s");
    for (Policy policy : policies) {
      List<Object> row = new ArrayList<>();
      row.add(policy.name());
      double ratios = 0;
      double requests = 0;
      double p50 = 0;
      double p95 = 0;
      for (long seed = 7; seed <= 11; seed++) {
        Outcome o = simulate(policy, seed, concurrency, runs);
        row.add(Table.fmt(o.ratio(), 3));
        ratios += o.ratio() / 5;
        requests += o.requestsPerRun() / 5;
        p50 += o.delayP50() / 5;
        p95 += o.delayP95() / 5;
      }
      row.add(Table.fmt(ratios, 3));
      row.add(Table.fmt(requests, 2));
      row.add(Table.fmt(p50, 2));
      row.add(Table.fmt(p95, 2));
      table.row(row.toArray());
    }
    System.out.println(table);
  }

  private static final class Request implements Comparable<Request> {
    final double due;
    final long sequence;
    final int slot;
    final boolean create;

    Request(double due, long sequence, int slot, boolean create) {
      this.due = due;
      this.sequence = sequence;
      this.slot = slot;
      this.create = create;
    }

    @Override
    public int compareTo(Request other) {
      int byDue = Double.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }

  /** One policy, one seed: an event loop over the requests as they become due. */
  public static Outcome simulate(Policy policy, long seed, int concurrency, int runs) {
    Progression progression = Progression.lognormal(Efficiency.MEDIAN, Efficiency.SIGMA);
    List<Double> drawn = new ArrayList<>();
    for (int n = 0; n < runs; n++) {
      drawn.add(FakeDurations.of(seed, n, progression).toNanos() / 1e9);
    }
    double bound = Math.max(Efficiency.requestBound(2 * runs), Efficiency.listSchedulingBound(drawn, concurrency));
    PriorityQueue<Request> pending = new PriorityQueue<>();
    PriorityQueue<Request> creates = new PriorityQueue<>();
    PriorityQueue<Request> polls = new PriorityQueue<>();
    Deque<Double> grants = new ArrayDeque<>();
    double[] createdAt = new double[concurrency];
    double[] duration = new double[concurrency];
    int[] pollCount = new int[concurrency];
    double[] lastPoll = new double[concurrency];
    List<Double> learned = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    long sequence = 0;
    int created = 0;
    int returned = 0;
    int requests = 0;
    double now = 0;
    int asked = 0;
    for (int s = 0; s < concurrency && s < runs; s++) {
      pending.add(new Request(0, sequence++, s, true));
      asked++;
    }
    while (returned < runs) {
      // the earliest time a permit is free: 20 grants in any window
      double permitAt = grants.size() < Efficiency.LIMIT ? now : grants.peekFirst() + WINDOW;
      double nextDue = pending.isEmpty() ? Double.MAX_VALUE : pending.peek().due;
      if (creates.isEmpty() && polls.isEmpty()) {
        now = Math.max(now, nextDue);
      }
      while (!pending.isEmpty() && pending.peek().due <= Math.max(now, permitAt)) {
        Request r = pending.poll();
        (r.create ? creates : polls).add(r);
      }
      if (creates.isEmpty() && polls.isEmpty()) {
        continue;
      }
      now = Math.max(now, permitAt);
      while (!grants.isEmpty() && grants.peekFirst() + WINDOW <= now) {
        grants.pollFirst();
      }
      if (grants.size() >= Efficiency.LIMIT) {
        continue;
      }
      Request r = pickNext(policy, creates, polls);
      grants.addLast(now);
      requests++;
      int slot = r.slot;
      if (r.create) {
        createdAt[slot] = now;
        duration[slot] = drawn.get(created++);
        pollCount[slot] = 0;
        pending.add(new Request(now + nextGap(policy, learned, 0, 0, creates.size() + polls.size()), sequence++, slot,
            false));
        continue;
      }
      pollCount[slot]++;
      double end = createdAt[slot] + duration[slot];
      if (now >= end) {
        delays.add(now - end);
        learned.add(duration[slot]);
        returned++;
        if (asked < runs) {
          asked++;
          pending.add(new Request(now, sequence++, slot, true));
        }
      } else {
        lastPoll[slot] = now;
        double gap = nextGap(policy, learned, pollCount[slot], now - createdAt[slot], creates.size() + polls.size());
        pending.add(new Request(now + gap, sequence++, slot, false));
      }
    }
    return new Outcome(now, bound, requests / (double) runs, Stats.percentile(delays, 50), Stats.percentile(delays, 95));
  }

  private static Request pickNext(Policy policy, PriorityQueue<Request> creates, PriorityQueue<Request> polls) {
    if (policy.createsFirst()) {
      return creates.isEmpty() ? polls.poll() : creates.poll();
    }
    if (creates.isEmpty()) {
      return polls.poll();
    }
    if (polls.isEmpty()) {
      return creates.poll();
    }
    return creates.peek().compareTo(polls.peek()) <= 0 ? creates.poll() : polls.poll();
  }

  /**
   * The wait after poll number {@code polls} (0: after the create) at {@code elapsed} seconds of
   * the run, with {@code queued} requests waiting for the budget: the same rule as the engine's
   * {@code PollPlan}.
   */
  static double nextGap(Policy policy, List<Double> learned, int polls, double elapsed, int queued) {
    double[] recent = learned.subList(Math.max(0, learned.size() - SAMPLES), learned.size()).stream()
        .mapToDouble(Double::doubleValue).sorted().toArray();
    double backlog = policy.laterWhileQueued() ? queued * WINDOW / Efficiency.LIMIT : 0;
    double floor = polls == 0 ? backlog : Math.max(policy.interval(), backlog);
    if (recent.length == 0) {
      return polls == 0 ? Math.max(floor, 5.0 - elapsed) : Math.max(floor, interval(policy, polls));
    }
    for (double q : policy.quantiles()) {
      double at = quantile(recent, q) - elapsed;
      if (at >= floor) {
        return polls == 0 ? at : Math.min(at, Math.max(floor, policy.maxInterval()));
      }
    }
    return polls == 0 ? floor : Math.max(floor, interval(policy, polls));
  }

  private static double interval(Policy policy, int polls) {
    return Math.min(policy.interval() * Math.pow(policy.multiplier(), Math.max(0, polls - 1)), policy.maxInterval());
  }

  static double quantile(double[] sorted, double q) {
    double rank = q * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
  }
}
