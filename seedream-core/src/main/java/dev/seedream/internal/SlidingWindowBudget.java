package dev.seedream.internal;

import dev.seedream.spi.RateBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * At most N requests in any window, as the server counts them: by when they arrive. The client
 * cannot see arrivals, only that one lies between the grant and the answer, so a request holds its
 * place while in flight and for a window (plus margin) after its answer. Whatever the network does
 * to the requests on the way, no window of the server then holds more than N of them. Unlike a
 * token bucket, this never lets 2N requests into one window.
 */
public final class SlidingWindowBudget implements RateBudget {
  private final long[] granted;
  private final long[] answered;
  private final boolean[] inFlight;
  private final boolean[] used;
  private final long windowNanos;
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
    this.granted = new long[permits];
    this.answered = new long[permits];
    this.inFlight = new boolean[permits];
    this.used = new boolean[permits];
    this.windowNanos = window.plus(margin).toNanos();
  }

  @Override
  public synchronized Duration tryAcquire(long nowNanos) {
    if (paused && nowNanos - pausedUntil < 0) {
      return Duration.ofNanos(pausedUntil - nowNanos);
    }
    paused = false;
    int free = -1;
    long soonest = Long.MAX_VALUE;
    for (int i = 0; i < used.length; i++) {
      if (used[i] && !inFlight[i] && answered[i] + windowNanos - nowNanos <= 0) {
        used[i] = false;
      }
      if (!used[i]) {
        free = i;
      } else if (!inFlight[i]) {
        soonest = Math.min(soonest, answered[i] + windowNanos - nowNanos);
      }
    }
    if (free >= 0) {
      used[free] = true;
      inFlight[free] = true;
      granted[free] = nowNanos;
      return Duration.ZERO;
    }
    // Every place is held by a request in flight: its answer frees one a window later, and the
    // engine asks again as soon as an answer comes.
    return Duration.ofNanos(soonest == Long.MAX_VALUE ? windowNanos : soonest);
  }

  @Override
  public synchronized int available(long nowNanos) {
    if (paused && nowNanos - pausedUntil < 0) {
      return 0;
    }
    int free = 0;
    for (int i = 0; i < used.length; i++) {
      if (!used[i] || (!inFlight[i] && answered[i] + windowNanos - nowNanos <= 0)) {
        free++;
      }
    }
    return free;
  }

  @Override
  public synchronized void release(long grantedNanos, long answeredNanos) {
    for (int i = 0; i < used.length; i++) {
      if (used[i] && inFlight[i] && granted[i] == grantedNanos) {
        inFlight[i] = false;
        answered[i] = answeredNanos;
        return;
      }
    }
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
    return "SlidingWindowBudget{permits=" + used.length + ", windowNanos=" + windowNanos + "}";
  }
}
