package dev.seedream.internal;

import dev.seedream.spi.RateBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * At most N permits in any window: the grant times of the last N permits are kept in a ring, and a
 * new permit is free once the oldest of them is a window (plus margin) old. Unlike a token bucket,
 * this never lets 2N requests into one window.
 */
public final class SlidingWindowBudget implements RateBudget {
  private final long[] grants;
  private final long windowNanos;
  private int next;
  private int used;
  private long pausedUntil;
  private boolean paused;

  public SlidingWindowBudget(int permits, Duration window, Duration margin) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
    }
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(margin, "margin");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, but was " + window);
    }
    this.grants = new long[permits];
    this.windowNanos = window.plus(margin).toNanos();
  }

  @Override
  public synchronized Duration tryAcquire(long nowNanos) {
    if (paused && nowNanos - pausedUntil < 0) {
      return Duration.ofNanos(pausedUntil - nowNanos);
    }
    paused = false;
    if (used == grants.length) {
      long oldest = grants[next];
      long freeAt = oldest + windowNanos;
      if (freeAt - nowNanos > 0) {
        return Duration.ofNanos(freeAt - nowNanos);
      }
    } else {
      used++;
    }
    grants[next] = nowNanos;
    next = (next + 1) % grants.length;
    return Duration.ZERO;
  }

  @Override
  public synchronized void onRateLimited(Duration pause, long nowNanos) {
    long until = nowNanos + pause.toNanos();
    if (!paused || until - pausedUntil > 0) {
      pausedUntil = until;
      paused = true;
    }
  }

  @Override
  public String toString() {
    return "SlidingWindowBudget{permits=" + grants.length + ", windowNanos=" + windowNanos + "}";
  }
}
