package dev.seedream.benchmarks;

import dev.seedream.benchmarks.support.FakeDurations;
import dev.seedream.benchmarks.support.Stats;
import dev.seedream.testkit.Progression;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A planner the engine does not use, modelled to know what it would buy: one that gives each free
 * permit (after the creates) to the waiting run most likely to have ended since its last poll, by
 * the learned durations (empirical, or a lognormal fitted to them), if that probability is at least
 * {@code theta}, keeping {@code reserve} permits of the window for creates and polling a run at most
 * every {@code gap} seconds. The same scenario and bound as {@link PollSimulation}, in steps of
 * {@value #STEP} s.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.GreedyPollSimulation concurrency runs theta,reserve,gap[,logn] ...
 * </pre>
 */
public final class GreedyPollSimulation {
  static final double STEP = 0.02;

  private GreedyPollSimulation() {}

  public static void main(String[] args) {
    int concurrency = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    for (int i = 2; i < args.length; i++) {
      String[] p = args[i].split(",");
      double theta = Double.parseDouble(p[0]);
      int reserve = Integer.parseInt(p[1]);
      double minGap = Double.parseDouble(p[2]);
      boolean param = p.length > 3 && p[3].equals("logn");
      double sum = 0, req = 0, d50 = 0, d95 = 0;
      StringBuilder each = new StringBuilder();
      for (long seed = 7; seed <= 11; seed++) {
        double[] o = simulate(seed, concurrency, runs, theta, reserve, minGap, param);
        sum += o[0] / 5; req += o[1] / 5; d50 += o[2] / 5; d95 += o[3] / 5;
        each.append(String.format(" %.3f", o[0]));
      }
      System.out.printf("theta %.2f, reserve %d, gap %.1f s, %s; makespan / bound, seeds 7..11:%s, mean %.3f;"
              + " requests / run %.2f; finish-to-return p50 %.2f s, p95 %.2f s%n",
          theta, reserve, minGap, param ? "lognormal fit" : "empirical", each, sum, req, d50, d95);
    }
  }

  static double[] simulate(long seed, int concurrency, int runs, double theta, int reserve, double minGap, boolean param) {
    Progression progression = Progression.lognormal(Efficiency.MEDIAN, Efficiency.SIGMA);
    List<Double> drawn = new ArrayList<>();
    for (int n = 0; n < runs; n++) {
      drawn.add(FakeDurations.of(seed, n, progression).toNanos() / 1e9);
    }
    double bound = Math.max(Efficiency.requestBound(2 * runs), Efficiency.listSchedulingBound(drawn, concurrency));
    Deque<Double> grants = new ArrayDeque<>();
    double[] createdAt = new double[concurrency];
    double[] duration = new double[concurrency];
    double[] lastPoll = new double[concurrency];
    boolean[] running = new boolean[concurrency];
    boolean[] wantsCreate = new boolean[concurrency];
    List<Double> learned = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    int created = 0, returned = 0, requests = 0, asked = 0;
    for (int s = 0; s < concurrency && s < runs; s++) {
      wantsCreate[s] = true;
      asked++;
    }
    double now = 0;
    while (returned < runs) {
      while (!grants.isEmpty() && grants.peekFirst() + PollSimulation.WINDOW <= now) {
        grants.pollFirst();
      }
      boolean granted = false;
      if (grants.size() < Efficiency.LIMIT) {
        int createSlot = -1;
        for (int s = 0; s < concurrency; s++) {
          if (wantsCreate[s]) { createSlot = s; break; }
        }
        if (createSlot >= 0) {
          grants.addLast(now); requests++; granted = true;
          wantsCreate[createSlot] = false;
          running[createSlot] = true;
          createdAt[createSlot] = now;
          duration[createSlot] = drawn.get(created++);
          lastPoll[createSlot] = now;
        } else if (grants.size() < Efficiency.LIMIT - reserve) {
          int best = -1;
          double bestH = -1;
          double[] recent = learned.subList(Math.max(0, learned.size() - PollSimulation.SAMPLES), learned.size())
              .stream().mapToDouble(Double::doubleValue).sorted().toArray();
          for (int s = 0; s < concurrency; s++) {
            if (!running[s] || now - lastPoll[s] < minGap) continue;
            double h = hazard(recent, lastPoll[s] - createdAt[s], now - createdAt[s], param);
            if (h > bestH) { bestH = h; best = s; }
          }
          if (best >= 0 && bestH >= theta) {
            grants.addLast(now); requests++; granted = true;
            int s = best;
            lastPoll[s] = now;
            double end = createdAt[s] + duration[s];
            if (now >= end) {
              delays.add(now - end);
              learned.add(duration[s]);
              returned++;
              running[s] = false;
              if (asked < runs) { asked++; wantsCreate[s] = true; }
            }
          }
        }
      }
      if (!granted) {
        now += STEP;
      }
    }
    return new double[] {now / bound, requests / (double) runs, Stats.percentile(delays, 50), Stats.percentile(delays, 95)};
  }

  /** P(ended by b | not ended by a). */
  static double hazard(double[] sorted, double a, double b, boolean param) {
    if (sorted.length < 2) {
      // nothing learned: poll at 5 s, then every second
      return b >= 5 ? 1 : 0;
    }
    double fa, fb;
    if (param) {
      double mu = 0, sd = 0;
      for (double x : sorted) mu += Math.log(x);
      mu /= sorted.length;
      for (double x : sorted) sd += (Math.log(x) - mu) * (Math.log(x) - mu);
      sd = Math.sqrt(sd / (sorted.length - 1));
      fa = a <= 0 ? 0 : phi((Math.log(a) - mu) / sd);
      fb = b <= 0 ? 0 : phi((Math.log(b) - mu) / sd);
    } else {
      fa = cdf(sorted, a);
      fb = cdf(sorted, b);
    }
    if (fa >= 1) return 1;
    return (fb - fa) / (1 - fa);
  }

  static double cdf(double[] sorted, double x) {
    // empirical with linear interpolation between order statistics; tail beyond max -> 1
    int n = sorted.length;
    if (x <= sorted[0]) return 0.5 / n * (x / sorted[0]);
    if (x >= sorted[n - 1]) return 1;
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) i = -i - 2;
    double frac = (x - sorted[i]) / (sorted[i + 1] - sorted[i]);
    return (i + 0.5 + frac) / n;
  }

  static double phi(double z) {
    return 0.5 * (1 + erf(z / Math.sqrt(2)));
  }

  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t
        * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
