package dev.seedream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When the engine polls a run it waits for. All waits of a client are planned together, within its
 * rate budget.
 *
 * <p>Once the client has seen runs of the same class (for Seedream 4.5, the same quality) finish,
 * with {@link #learning()} on, a run is polled at the {@link #quantiles()} of the durations learned
 * (by default p50, p70, p85 and p95, counted from the answer to its create): each poll where the
 * run has ended with a known and rising probability. Two polls of one run are never closer than
 * {@link #interval()} (a quantile that is nearer is skipped) nor, on the ladder, farther apart than
 * {@link #maxInterval()}. After the last quantile, and before any duration is learned (the first
 * poll then comes after {@link #initialDelay()}), polls come after {@link #interval()}, growing by
 * {@link #multiplier()} up to {@link #maxInterval()}.
 *
 * <p>While requests wait for the budget, the next poll of a run comes no earlier than that queue is
 * expected to take (a poll sent sooner would only wait in it); creates go before polls in that
 * queue. A {@code Retry-After} header from the server lengthens the wait.
 *
 * <pre>{@code
 * PollPolicy fast = PollPolicy.custom().initialDelay(Duration.ofMillis(200)).interval(Duration.ofMillis(200)).build();
 * }</pre>
 */
public final class PollPolicy {
  private static final PollPolicy DEFAULTS = custom().build();

  private final Duration initialDelay;
  private final Duration interval;
  private final double multiplier;
  private final Duration maxInterval;
  private final boolean learning;
  private final List<Double> quantiles;

  private PollPolicy(Builder builder) {
    this.initialDelay = builder.initialDelay;
    this.interval = builder.interval;
    this.multiplier = builder.multiplier;
    this.maxInterval = builder.maxInterval;
    this.learning = builder.learning;
    this.quantiles = builder.quantiles;
  }

  /**
   * Polls at p50, p70, p85 and p95 of the learned durations, at least 1 s and at most 5 s apart;
   * then, and before any is learned (first poll after 5 s), every 1 s, growing by 1.5 up to 5 s.
   */
  public static PollPolicy ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .initialDelay(initialDelay)
        .interval(interval)
        .multiplier(multiplier)
        .maxInterval(maxInterval)
        .learning(learning)
        .quantiles(quantiles.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The wait before the first poll of a run, until the engine has learned how long runs take. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** The wait between the first and the second poll. */
  public Duration interval() {
    return interval;
  }

  /** The factor by which the wait grows after each poll. */
  public double multiplier() {
    return multiplier;
  }

  /** The longest wait between two polls. */
  public Duration maxInterval() {
    return maxInterval;
  }

  /** Whether polls are timed by the durations of finished runs. */
  public boolean learning() {
    return learning;
  }

  /**
   * The quantiles of the learned durations at which a run is polled, rising, each above 0 and at
   * most 1.
   *
   * @since 0.1.0
   */
  public List<Double> quantiles() {
    return quantiles;
  }

  /** The wait after poll number {@code polls} (1 for the first) found the run unfinished. */
  public Duration intervalAfter(int polls) {
    double nanos = interval.toNanos() * Math.pow(multiplier, Math.max(0, polls - 1));
    return Duration.ofNanos((long) Math.min(nanos, maxInterval.toNanos()));
  }

  @Override
  public String toString() {
    return "PollPolicy{initialDelay=" + initialDelay + ", interval=" + interval + ", multiplier=" + multiplier
        + ", maxInterval=" + maxInterval + ", learning=" + learning + ", quantiles=" + quantiles + "}";
  }

  /** Builds a {@link PollPolicy}. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(5);
    private Duration interval = Duration.ofSeconds(1);
    private double multiplier = 1.5;
    private Duration maxInterval = Duration.ofSeconds(5);
    private boolean learning = true;
    private List<Double> quantiles = List.of(0.5, 0.7, 0.85, 0.95);

    private Builder() {}

    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = RetryPolicy.positive(initialDelay, "initialDelay");
      return this;
    }

    public Builder interval(Duration interval) {
      this.interval = RetryPolicy.positive(interval, "interval");
      return this;
    }

    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be at least 1.0, but was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = RetryPolicy.positive(maxInterval, "maxInterval");
      return this;
    }

    /**
     * The quantiles of the learned durations at which a run is polled, e.g. {@code 0.5, 0.7, 0.85,
     * 0.95}: rising, each above 0 and at most 1; none for polls at intervals only.
     *
     * @since 0.1.0
     */
    public Builder quantiles(double... quantiles) {
      List<Double> checked = new ArrayList<>();
      double previous = 0;
      for (double q : quantiles) {
        if (!(q > previous && q <= 1.0)) {
          throw new IllegalArgumentException("quantiles must rise, each above 0 and at most 1, but were "
              + Arrays.toString(quantiles) + ": write them as fractions, e.g. 0.5, 0.7, 0.85, 0.95");
        }
        checked.add(q);
        previous = q;
      }
      this.quantiles = List.copyOf(checked);
      return this;
    }

    /** Off: every first poll comes after {@link #initialDelay}, later ones at intervals. */
    public Builder learning(boolean learning) {
      this.learning = learning;
      return this;
    }

    public PollPolicy build() {
      if (maxInterval.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            "maxInterval must not be shorter than interval, but was " + maxInterval + " < " + interval);
      }
      return new PollPolicy(this);
    }
  }
}
