package dev.seedream.testkit.contract;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * What the client's side of a test costs in heap, measured from a start: the bytes allocated by the
 * threads outside the fake's thread group (HotSpot's per-thread allocation counters, {@link
 * com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}), and the bytes allocated by the
 * fake's threads (a check that the counters see what they should). Threads that end before the
 * measurement does are not counted.
 */
final class ClientHeap {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final ThreadGroup fake;
  private final Map<Long, Long> allocatedAtStart;

  private ClientHeap(ThreadGroup fake) {
    if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
      throw new AssertionError("this JVM does not count the bytes each thread allocates: run the contract suite on HotSpot");
    }
    this.fake = fake;
    this.allocatedAtStart = allocated();
  }

  /** Starts measuring now; the threads of {@code fake} (and of its subgroups) are the fake's. */
  static ClientHeap start(ThreadGroup fake) {
    return new ClientHeap(fake);
  }

  /** Bytes allocated since the start by threads outside the fake's group: the client's and the test's. */
  long allocatedByClient() {
    return allocatedSinceStart(false);
  }

  /** Bytes allocated since the start by the fake's threads. */
  long allocatedByFake() {
    return allocatedSinceStart(true);
  }

  private long allocatedSinceStart(boolean fakes) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      long now = THREADS.getThreadAllocatedBytes(thread.getId());
      if (now >= 0 && isFakes(thread) == fakes) {
        total += now - allocatedAtStart.getOrDefault(thread.getId(), 0L);
      }
    }
    return total;
  }

  private static Map<Long, Long> allocated() {
    Map<Long, Long> byThread = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      long bytes = THREADS.getThreadAllocatedBytes(thread.getId());
      if (bytes >= 0) {
        byThread.put(thread.getId(), bytes);
      }
    }
    return byThread;
  }

  private boolean isFakes(Thread thread) {
    ThreadGroup group = thread.getThreadGroup();
    return group != null && (group == fake || fake.parentOf(group));
  }
}
