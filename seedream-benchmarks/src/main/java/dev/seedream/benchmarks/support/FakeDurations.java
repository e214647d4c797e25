package dev.seedream.benchmarks.support;

import dev.seedream.testkit.Progression;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The duration the fake drew for its n-th run. The fake does not expose it, so this repeats its
 * draw (FakeEngine.newRun: SplitMix64 of seed and n, one draw for failure, one Gaussian); the smoke
 * test checks it against the runs' observed {@code completed_at}, so a change in the fake shows up.
 */
public final class FakeDurations {
  private FakeDurations() {}

  public static Duration of(long seed, long n, Progression progression) {
    SplittableRandom random = new SplittableRandom(mix(seed, n));
    random.nextDouble();
    double median = progression.median().toMillis();
    return Duration.ofMillis(Math.round(median * Math.exp(progression.sigma() * random.nextGaussian())));
  }

  private static long mix(long seed, long n) {
    long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
