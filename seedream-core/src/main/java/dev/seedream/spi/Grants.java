package dev.seedream.spi;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link RateBudget} granted, found again by the engine's grant time: {@link
 * RateBudget#release} names a permit only by the {@code nowNanos} of its grant, and several grants
 * may share one time. Not thread-safe: a budget holds it under its own lock.
 *
 * @param <T> what the budget keeps per permit (its own time of the grant, an id in a store, ...)
 * @since 0.1.0
 */
public final class Grants<T> {
  private final Map<Long, ArrayDeque<T>> byTime = new HashMap<>();
  private int size;

  /** Remembers {@code permit}, granted at {@code grantedNanos} on the engine's clock. */
  public void add(long grantedNanos, T permit) {
    byTime.computeIfAbsent(grantedNanos, ignored -> new ArrayDeque<>(1)).add(permit);
    size++;
  }

  /** Takes one permit granted at {@code grantedNanos}, or returns null if none is held. */
  public T take(long grantedNanos) {
    ArrayDeque<T> permits = byTime.get(grantedNanos);
    if (permits == null) {
      return null;
    }
    T permit = permits.poll();
    if (permits.isEmpty()) {
      byTime.remove(grantedNanos);
    }
    size--;
    return permit;
  }

  /** How many permits are held. */
  public int size() {
    return size;
  }
}
