package dev.seedream.spi;

import dev.seedream.internal.SystemTaskScheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine's clock and timer, taken from outside so that tests run on virtual time and the
 * reactive client runs on Reactor's schedulers.
 *
 * <p>Tasks must be quick and must not block: they hand work to the engine.
 */
public interface TaskScheduler {
  /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Wall-clock time, for HTTP dates in {@code Retry-After}. */
  Instant now();

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; does nothing otherwise. */
    void cancel();
  }

  /**
   * Whether {@link #nanoTime()} runs with real time, as opposed to a virtual clock of a test.
   * Clients on such a scheduler share one in-memory rate budget per key and base URL; a client on a
   * scheduler that answers {@code false} (the default) keeps a budget of its own.
   *
   * @since 0.1.0
   */
  default boolean isRealTime() {
    return false;
  }

  /** A scheduler on the system clock with one daemon thread, shut down by {@link #close()}. */
  static TaskScheduler system() {
    return new SystemTaskScheduler();
  }

  /** Frees the scheduler's threads, if it owns any. */
  default void close() {}
}
