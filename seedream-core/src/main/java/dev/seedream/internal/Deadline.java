package dev.seedream.internal;

import java.time.Duration;

/**
 * The deadline of a call: the duration the caller gave, for messages, and the moment it ends on the
 * engine's clock.
 *
 * @param given the deadline as the caller gave it
 * @param atNanos when it passes, on the scheduler's {@code nanoTime()} clock
 */
record Deadline(Duration given, long atNanos) {
  /** Longer deadlines end after this, so that the clock arithmetic cannot overflow. */
  private static final Duration LONGEST = Duration.ofDays(365);

  /** A deadline of {@code given} that began at {@code startNanos}. */
  static Deadline of(Duration given, long startNanos) {
    return new Deadline(given, startNanos + (given.compareTo(LONGEST) > 0 ? LONGEST : given).toNanos());
  }

  /** What is left of it at {@code nowNanos}; zero or negative once it has passed. */
  long remainingNanos(long nowNanos) {
    return atNanos - nowNanos;
  }
}
