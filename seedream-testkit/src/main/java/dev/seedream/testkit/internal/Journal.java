package dev.seedream.testkit.internal;

import dev.seedream.testkit.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} requests, oldest dropped first. */
final class Journal {
  private final int capacity;
  private final Deque<RecordedRequest> entries = new ArrayDeque<>();
  private long sequence;

  Journal(int capacity) {
    this.capacity = capacity;
  }

  /** Numbers the request and keeps it. */
  synchronized void add(RecordedRequest.Builder request) {
    entries.addLast(request.sequence(++sequence).build());
    while (entries.size() > capacity) {
      entries.removeFirst();
    }
  }

  synchronized List<RecordedRequest> snapshot() {
    return new ArrayList<>(entries);
  }

  synchronized void reset() {
    entries.clear();
    sequence = 0;
  }
}
