package dev.seedream.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Learns how long runs take, per duration class (for Seedream 4.5: per quality), from the last
 * runs seen to finish. The estimate is the median of the last {@value #WINDOW} durations, which a
 * few outliers do not move.
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

  /** The expected duration of a run of this class, or {@code fallback} before any was seen. */
  synchronized Duration expected(String durationClass, Duration fallback) {
    int count = counts.getOrDefault(durationClass, 0);
    if (count == 0) {
      return fallback;
    }
    int size = Math.min(count, WINDOW);
    long[] sorted = Arrays.copyOf(samples.get(durationClass), size);
    Arrays.sort(sorted);
    long median = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    return Duration.ofNanos(median);
  }
}
