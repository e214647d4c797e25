package dev.seedream;

import java.time.Duration;

/**
 * When the engine polls a run it waits for.
 *
 * <p>The first poll of a run comes near its expected duration: learned from the runs of the same
 * class (for Seedream 4.5, the same quality) that this client has seen finish, and {@link
 * #initialDelay()} before it has seen any. Later polls come after {@link #interval()}, growing by
 * {@link #multiplier()} up to {@link #maxInterval()}. A {@code Retry-After} header from the server
 * lengthens the wait. All polls of a client share its rate budget.
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

  private PollPolicy(Builder builder) {
    this.initialDelay = builder.initialDelay;
    this.interval = builder.interval;
    this.multiplier = builder.multiplier;
    this.maxInterval = builder.maxInterval;
    this.learning = builder.learning;
  }

  /** First poll after 5 s until durations are learned; then every 1 s, growing by 1.5 up to 5 s. */
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
        .learning(learning);
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

  /** Whether the first poll is timed by the durations of finished runs. */
  public boolean learning() {
    return learning;
  }

  /** The wait after poll number {@code polls} (1 for the first) found the run unfinished. */
  public Duration intervalAfter(int polls) {
    double nanos = interval.toNanos() * Math.pow(multiplier, Math.max(0, polls - 1));
    return Duration.ofNanos((long) Math.min(nanos, maxInterval.toNanos()));
  }

  @Override
  public String toString() {
    return "PollPolicy{initialDelay=" + initialDelay + ", interval=" + interval + ", multiplier=" + multiplier
        + ", maxInterval=" + maxInterval + ", learning=" + learning + "}";
  }

  /** Builds a {@link PollPolicy}. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(5);
    private Duration interval = Duration.ofSeconds(1);
    private double multiplier = 1.5;
    private Duration maxInterval = Duration.ofSeconds(5);
    private boolean learning = true;

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

    /** Off: every first poll comes after {@link #initialDelay}. */
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
