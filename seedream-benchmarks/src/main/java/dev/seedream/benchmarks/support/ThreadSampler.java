package dev.seedream.benchmarks.support;

import java.util.Collection;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Samples the live threads every 20 ms and keeps the peak number of threads that were not alive at
 * the start and that the filter counts (for example: not the caller threads, not the fake's server
 * threads), with a census of their names.
 */
public final class ThreadSampler {
  private final Set<Thread> baseline = Set.copyOf(Thread.getAllStackTraces().keySet());
  private final Predicate<Thread> counted;
  private final Thread thread;
  private final TreeMap<String, Integer> census = new TreeMap<>();
  private volatile int peak;
  private volatile boolean running = true;

  private ThreadSampler(Predicate<Thread> counted) {
    this.counted = counted;
    thread = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "thread-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  public static ThreadSampler start(Predicate<Thread> counted) {
    return new ThreadSampler(counted);
  }

  private synchronized void sample() {
    Set<Thread> now = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !baseline.contains(t) && t != thread && counted.test(t))
        .collect(Collectors.toSet());
    if (now.size() > peak) {
      peak = now.size();
      census.clear();
      census.putAll(namesOf(now));
    }
  }

  /** The peak count. */
  public int stop() throws InterruptedException {
    sample();
    running = false;
    thread.join();
    return peak;
  }

  /** Thread names (numbers stripped) and counts at the peak. */
  public synchronized String census() {
    return census.toString();
  }

  /** Thread names (numbers stripped) and counts at the peak. */
  public synchronized SortedMap<String, Integer> peakNames() {
    return new TreeMap<>(census);
  }

  /** The threads alive now. */
  public static Set<Thread> alive() {
    return Set.copyOf(Thread.getAllStackTraces().keySet());
  }

  /** The names of the threads with their trailing numbers stripped ({@code seedream-io-12} is {@code seedream-io}), and how many of each. */
  public static SortedMap<String, Integer> namesOf(Collection<Thread> threads) {
    SortedMap<String, Integer> names = new TreeMap<>();
    for (Thread t : threads) {
      names.merge(t.getName().replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
    }
    return names;
  }

  /** Not a caller thread and not one of WireMock's Jetty threads. */
  public static boolean clientSide(Thread t) {
    String name = t.getName();
    return !name.startsWith("caller-") && !name.startsWith("qtp") && !name.contains("Jetty") && !name.startsWith("heap-sampler");
  }
}
