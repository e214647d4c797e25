package dev.seedream.ratelimit.redis;

import dev.seedream.spi.RateBudget;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Asks a budget for a permit as the engine does: again after the wait it answers. */
final class Acquiring {
  private Acquiring() {}

  /** The {@link System#nanoTime()} of the grant; fails if none comes within {@code timeout}. */
  static long acquire(RateBudget budget, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long now = System.nanoTime();
      Duration wait = budget.tryAcquire(now);
      if (wait.isZero()) {
        return now;
      }
      if (now - deadline > 0) {
        throw new AssertionError("no permit within " + timeout);
      }
      LockSupport.parkNanos(Math.min(wait.toNanos(), Duration.ofMillis(20).toNanos()));
    }
  }

  /** Whether a permit is granted within {@code time}; one granted is released at once. */
  static boolean grantedWithin(RateBudget budget, Duration time) {
    try {
      long granted = acquire(budget, time);
      budget.release(granted, System.nanoTime());
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }
}
