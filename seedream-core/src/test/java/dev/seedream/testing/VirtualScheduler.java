package dev.seedream.testing;

import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} on virtual time: tasks run on the test's thread when time is advanced. */
public final class VirtualScheduler implements TaskScheduler {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now = 1_000_000_000L;
  private long sequence;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized Instant now() {
    return EPOCH.plusNanos(now);
  }

  @Override
  public synchronized Cancellable schedule(Runnable runnable, Duration delay) {
    Task task = new Task(now + Math.max(0, delay.toNanos()), sequence++, runnable);
    tasks.add(task);
    return () -> {
      synchronized (VirtualScheduler.this) {
        task.cancelled = true;
        tasks.remove(task);
      }
    };
  }

  /** Moves time forward by {@code duration}, running every task that falls due, in order. */
  public void advance(Duration duration) {
    long end;
    synchronized (this) {
      end = now + duration.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at > end) {
          now = end;
          return;
        }
        tasks.poll();
        now = Math.max(now, next.at);
      }
      if (!next.cancelled) {
        next.runnable.run();
      }
    }
  }

  /** Runs what is due now, without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** The number of tasks still scheduled. */
  public synchronized int pending() {
    return tasks.size();
  }

  private static final class Task implements Comparable<Task> {
    final long at;
    final long sequence;
    final Runnable runnable;
    volatile boolean cancelled;

    Task(long at, long sequence, Runnable runnable) {
      this.at = at;
      this.sequence = sequence;
      this.runnable = runnable;
    }

    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
