package dev.seedream.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Runbase's documented limit as a sliding window per key: at most {@code limit} admitted requests
 * in any window of {@code windowMillis}. Refused requests do not count.
 */
final class RateLimiter {
  private final int limit;
  private final long windowMillis;
  private final Map<String, Deque<Long>> admitted = new HashMap<>();

  RateLimiter(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /** Admits the request and counts it, or refuses it. A limit of 0 admits everything. */
  synchronized boolean tryAdmit(String key, long nowMillis) {
    if (limit <= 0) {
      return true;
    }
    Deque<Long> times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
      times.removeFirst();
    }
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(nowMillis);
    return true;
  }

  synchronized void reset() {
    admitted.clear();
  }
}
