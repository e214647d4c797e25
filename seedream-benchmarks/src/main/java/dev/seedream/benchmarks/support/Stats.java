package dev.seedream.benchmarks.support;

import java.util.Arrays;
import java.util.List;

/** Percentiles of measured values (nearest rank). */
public final class Stats {
  private Stats() {}

  public static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
