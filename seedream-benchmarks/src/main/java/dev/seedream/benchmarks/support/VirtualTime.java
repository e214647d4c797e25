package dev.seedream.benchmarks.support;

import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A {@link TaskScheduler} on virtual time, for running the engine itself without a machine in the
 * way: tasks run one by one on the thread that calls {@link #runUntil}, in the order of their time,
 * and time jumps from one task to the next. Nothing here is thread-safe beyond that one thread.
 */
public final class VirtualTime implements TaskScheduler {
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long sequence;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Instant now() {
    return EPOCH.plusNanos(now);
  }

  @Override
  public Cancellable schedule(Runnable runnable, Duration delay) {
    Task task = new Task(now + Math.max(0, delay.toNanos()), sequence++, runnable);
    tasks.add(task);
    return () -> task.cancelled = true;
  }

  /** Seconds of virtual time since the start. */
  public double seconds() {
    return now / 1e9;
  }

  /**
   * Runs tasks in order of time until {@code done} holds.
   *
   * @throws IllegalStateException if no task is left before {@code done} holds, or time passes {@code limit}
   */
  public void runUntil(BooleanSupplier done, Duration limit) {
    while (!done.getAsBoolean()) {
      Task next = tasks.poll();
      if (next == null) {
        throw new IllegalStateException("nothing left to run at " + seconds() + " s, and the scenario is not done");
      }
      if (next.at > limit.toNanos()) {
        throw new IllegalStateException("the scenario is not done after " + limit);
      }
      now = Math.max(now, next.at);
      if (!next.cancelled) {
        next.runnable.run();
      }
    }
  }

  private static final class Task implements Comparable<Task> {
    final long at;
    final long sequence;
    final Runnable runnable;
    boolean cancelled;

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
