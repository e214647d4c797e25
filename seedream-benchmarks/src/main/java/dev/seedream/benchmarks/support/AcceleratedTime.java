package dev.seedream.benchmarks.support;

import dev.seedream.spi.TaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One time line that runs {@code factor} times faster than the machine's, shared by the fake (as its
 * {@link Clock}) and the client (as its {@link TaskScheduler}), so that every duration on either
 * side (rate window, margin, poll intervals, back-offs, run durations, server timestamps) is scaled
 * by the same factor and the scenario plays out as it would in real time, only shorter.
 */
public final class AcceleratedTime implements AutoCloseable {
  private final double factor;
  private final long originNanos = System.nanoTime();
  private final Instant originInstant = Instant.now();
  private final ScheduledThreadPoolExecutor timer;

  public AcceleratedTime(double factor) {
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("factor must be >= 1, but was " + factor);
    }
    this.factor = factor;
    this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "accelerated-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  public double factor() {
    return factor;
  }

  /** Nanoseconds of accelerated time since this time line began. */
  public long nanoTime() {
    return (long) ((System.nanoTime() - originNanos) * factor);
  }

  /** The accelerated wall clock. */
  public Instant now() {
    return originInstant.plusNanos(nanoTime());
  }

  /** The real time that a span of accelerated time takes. */
  public Duration real(Duration accelerated) {
    return Duration.ofNanos((long) (accelerated.toNanos() / factor));
  }

  /** Sleeps for a span of accelerated time. */
  public void sleep(Duration accelerated) throws InterruptedException {
    long nanos = real(accelerated).toNanos();
    if (nanos > 0) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    }
  }

  /** The accelerated clock, for {@code FakeRunbase.builder().clock(..)}. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  /** The accelerated scheduler, for {@code ClientBuilder.scheduler(..)}; closing it does nothing. */
  public TaskScheduler scheduler() {
    return new TaskScheduler() {
      @Override
      public long nanoTime() {
        return AcceleratedTime.this.nanoTime();
      }

      @Override
      public Instant now() {
        return AcceleratedTime.this.now();
      }

      @Override
      public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = timer.schedule(task, Math.max(0, real(delay).toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
