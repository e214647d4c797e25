package dev.seedream.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples the used heap every few milliseconds on a daemon thread; {@link #stop()} gives the peak
 * above the baseline measured after a full GC at the start.
 */
public final class HeapSampler {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final long baseline;
  private final Thread thread;
  private volatile long peak;
  private volatile boolean running = true;

  private HeapSampler() {
    baseline = usedAfterGc();
    peak = baseline;
    thread = new Thread(() -> {
      while (running) {
        peak = Math.max(peak, used());
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  public static HeapSampler start() {
    return new HeapSampler();
  }

  /** The peak used heap above the baseline, in bytes. */
  public long stop() throws InterruptedException {
    running = false;
    thread.join();
    return Math.max(0, Math.max(peak, used()) - baseline);
  }

  public long baseline() {
    return baseline;
  }

  public static long used() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** Used heap after full collections, settled. */
  public static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, used());
    }
    return used;
  }

  /**
   * Used heap once full collections stop freeing more: collects until the used heap falls by less
   * than 64 KiB from one collection to the next (at most ten), and gives the lowest seen. Objects
   * held only by soft, weak or phantom references, or by cleaners, are gone by then.
   */
  public static long usedAfterGcSettled() {
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = used();
      boolean settled = used > lowest - 64 * 1024;
      lowest = Math.min(lowest, used);
      if (settled) {
        break;
      }
    }
    return lowest;
  }

  public static String mb(long bytes) {
    return Table.fmt(bytes / (1024.0 * 1024.0), 1);
  }
}
