package dev.seedream.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fake's runs move from {@code pending} through {@code processing} to their end: after a
 * number of polls, or after a time (fixed, or drawn per run from a lognormal distribution).
 *
 * <p>By polls, a run answers {@code pending} to its first {@code pendingPolls} reads, {@code
 * processing} to the next {@code processingPolls}, and its final status from then on; the answer to
 * the create request is always {@code pending}. By time, a run is {@code pending} for the first
 * quarter of its duration and {@code processing} for the rest; {@link #accelerated(double)} makes
 * the fake's time pass faster than the clock's. Immutable.
 *
 * <pre>{@code
 * Progression.afterPolls(1, 2);                                   // pending, processing, processing, succeeded
 * Progression.afterDuration(Duration.ofSeconds(12)).accelerated(100); // 120 ms of real time
 * Progression.lognormal(Duration.ofSeconds(12), 0.4);             // a spread like the real service's
 * }</pre>
 */
public final class Progression {
  private final int pendingPolls;
  private final int processingPolls;
  private final Duration median;
  private final double sigma;
  private final double acceleration;

  private Progression(int pendingPolls, int processingPolls, Duration median, double sigma, double acceleration) {
    this.pendingPolls = pendingPolls;
    this.processingPolls = processingPolls;
    this.median = median;
    this.sigma = sigma;
    this.acceleration = acceleration;
  }

  /** The default: {@code pending} for one poll, {@code processing} for one, then finished. */
  public static Progression ofDefaults() {
    return afterPolls(1, 1);
  }

  /** Runs advance with the number of times they are read. */
  public static Progression afterPolls(int pendingPolls, int processingPolls) {
    checkNotNegative(pendingPolls, "pendingPolls");
    checkNotNegative(processingPolls, "processingPolls");
    return new Progression(pendingPolls, processingPolls, null, 0, 1);
  }

  /** Every run finishes the given time after it was created. */
  public static Progression afterDuration(Duration duration) {
    return lognormal(duration, 0);
  }

  /**
   * Each run finishes after a time drawn from a lognormal distribution with the given median and
   * sigma (the standard deviation of its logarithm; 0 gives the median every time), from the
   * fake's seed.
   */
  public static Progression lognormal(Duration median, double sigma) {
    Objects.requireNonNull(median, "median");
    if (median.isNegative()) {
      throw new IllegalArgumentException("median must not be negative, but was " + median);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be a finite number >= 0, but was " + sigma);
    }
    return new Progression(0, 0, median, sigma, 1);
  }

  /** This progression with time passing {@code factor} times as fast as the clock (time-based only). */
  public Progression accelerated(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number > 0, but was " + factor);
    }
    if (!isTimed()) {
      throw new IllegalStateException("acceleration applies to a time-based progression, not to afterPolls(..)");
    }
    return new Progression(pendingPolls, processingPolls, median, sigma, factor);
  }

  /** Whether runs advance with time rather than with polls. */
  public boolean isTimed() {
    return median != null;
  }

  public int pendingPolls() {
    return pendingPolls;
  }

  public int processingPolls() {
    return processingPolls;
  }

  /** The median duration of a run; zero for a poll-based progression. */
  public Duration median() {
    return median == null ? Duration.ZERO : median;
  }

  public double sigma() {
    return sigma;
  }

  public double acceleration() {
    return acceleration;
  }

  private static void checkNotNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
    }
  }

  @Override
  public String toString() {
    return isTimed()
        ? "Progression[median " + median + ", sigma " + sigma + ", x" + acceleration + "]"
        : "Progression[" + pendingPolls + " polls pending, " + processingPolls + " processing]";
  }
}
