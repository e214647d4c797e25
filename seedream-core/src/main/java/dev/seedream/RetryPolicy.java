package dev.seedream;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long apart the engine repeats a request that failed in a way worth retrying:
 * exponential backoff with full jitter and a cap.
 *
 * <p>Which failures are retried is fixed by the engine, not by this policy: reads on I/O errors,
 * 429 {@code RATE_LIMITED}, 500, 502, 503 and 504; a create only when it certainly did not create a
 * run (no connection, 429 {@code RATE_LIMITED}, 503). A {@code Retry-After} header lengthens the
 * wait to what it asks.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.custom().maxAttempts(6).maxBackoff(Duration.ofSeconds(20)).build();
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = custom().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Random random;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.random = builder.random;
  }

  /** 5 attempts, backoff from 500 ms doubling up to 30 s, full jitter. */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** One attempt: nothing is retried. */
  public static RetryPolicy none() {
    return custom().maxAttempts(1).build();
  }

  public static Builder custom() {
    return new Builder();
  }

  /** A builder that starts from this policy. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxAttempts = maxAttempts;
    builder.initialBackoff = initialBackoff;
    builder.maxBackoff = maxBackoff;
    builder.random = random;
    return builder;
  }

  /** The most attempts of one request, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The wait before attempt {@code attempt + 1}, after {@code attempt} failed: a random duration
   * between zero and {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}.
   */
  public Duration backoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
    long ceiling = initialBackoff.toNanos();
    for (int i = 1; i < attempt && ceiling < maxBackoff.toNanos(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, maxBackoff.toNanos());
    Random source = random == null ? ThreadLocalRandom.current() : random;
    synchronized (this) {
      return Duration.ofNanos((long) (source.nextDouble() * ceiling));
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Random random;

    private Builder() {}

    /** The most attempts of one request, the first included; 1 turns retries off. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The ceiling of the first wait; it doubles with each attempt up to {@link #maxBackoff}. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /** The source of jitter; a seeded one makes the waits repeatable in tests. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff must not be shorter than initialBackoff, but was " + maxBackoff + " < " + initialBackoff);
      }
      return new RetryPolicy(this);
    }
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }
}
