package dev.seedream.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Learns how long runs take, per duration class (for Seedream 4.5: per quality), from the last
 * runs seen to finish: its estimates are quantiles of the last {@value #WINDOW} durations, which
 * a few outliers do not move much.
 */
final class DurationEstimator {
  static final int WINDOW = 32;

  private final Map<String, long[]> samples = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();

  /** Records the duration of a finished run. */
  synchronized void record(String durationClass, Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    long[] ring = samples.computeIfAbsent(durationClass, key -> new long[WINDOW]);
    int count = counts.getOrDefault(durationClass, 0);
    ring[count % WINDOW] = duration.toNanos();
    counts.put(durationClass, count + 1);
  }

  /** The durations learned for this class, shortest first; empty before any was seen. */
  synchronized long[] sorted(String durationClass) {
    int count = counts.getOrDefault(durationClass, 0);
    long[] sorted = Arrays.copyOf(samples.getOrDefault(durationClass, new long[0]), Math.min(count, WINDOW));
    Arrays.sort(sorted);
    return sorted;
  }

  /** The {@code q} quantile of sorted, non-empty samples, interpolated between the two nearest. */
  static long quantile(long[] sorted, double q) {
    double rank = q * (sorted.length - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + Math.round((sorted[high] - sorted[low]) * (rank - low));
  }
}
