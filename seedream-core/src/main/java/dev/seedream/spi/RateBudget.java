package dev.seedream.spi;

import dev.seedream.internal.SlidingWindowBudget;
import java.time.Duration;

/**
 * The rate budget every request of a client passes through, so that the client never causes a
 * 429 of its own making.
 *
 * <p>The default is in memory and holds Runbase's documented limit: 20 requests in any 10 seconds
 * per key, creates and polls together. Application instances that share one key plug in a shared
 * implementation (for example over Redis) without touching the engine.
 *
 * <p>Implementations must be thread-safe; {@link #tryAcquire} must not block.
 */
public interface RateBudget {
  /** Runbase's documented limit: 20 requests per key in any 10 seconds. */
  int RUNBASE_PERMITS = 20;

  /** The window of Runbase's documented limit. */
  Duration RUNBASE_WINDOW = Duration.ofSeconds(10);

  /**
   * Takes one permit if one is free now.
   *
   * @param nowNanos the engine's clock, in the units of {@link System#nanoTime()}
   * @return {@link Duration#ZERO} if a permit was taken (then {@link #release} follows once its
   *     request is answered); otherwise how long to wait before asking again (no permit is taken)
   */
  Duration tryAcquire(long nowNanos);

  /**
   * Told when the request of a permit got its answer (or failed, or was cancelled): the server saw
   * it at some time between {@code grantedNanos} and {@code answeredNanos}. A budget that counts by
   * arrival keeps the permit's place until then. Called once per permit granted.
   *
   * @param grantedNanos the {@code nowNanos} of the {@link #tryAcquire} that granted the permit
   */
  default void release(long grantedNanos, long answeredNanos) {}

  /**
   * How many permits {@link #tryAcquire} would grant now, one after the other, without waiting. A
   * hint, never a grant: the engine uses it to keep places free for the creates that polls in
   * flight may bring (a poll that finds its run ended frees its caller to create the next one). A
   * budget that cannot tell cheaply (one shared over the network, say) keeps the default, {@link
   * Integer#MAX_VALUE}, and polls then go whenever a permit is free.
   *
   * @param nowNanos the engine's clock, in the units of {@link System#nanoTime()}
   */
  default int available(long nowNanos) {
    return Integer.MAX_VALUE;
  }

  /**
   * Told when the server answered 429 {@code RATE_LIMITED} all the same (another process is using
   * the key, say): the budget should give no permit for {@code pause}.
   */
  default void onRateLimited(Duration pause, long nowNanos) {}

  /** A budget that never waits: every request goes at once. */
  static RateBudget unlimited() {
    return nowNanos -> Duration.ZERO;
  }

  /** Runbase's documented limit, 20 requests in any 10 seconds, with a margin for network jitter. */
  static RateBudget runbaseDefault() {
    return slidingWindow(RUNBASE_PERMITS, RUNBASE_WINDOW);
  }

  /**
   * At most {@code permits} requests in any window of {@code window} as the server counts them. A
   * request holds its place from its grant until a window (plus 250 ms of margin) after its answer,
   * so that requests delayed on the way still arrive within the server's limit.
   */
  static RateBudget slidingWindow(int permits, Duration window) {
    return new SlidingWindowBudget(permits, window, Duration.ofMillis(250));
  }
}
