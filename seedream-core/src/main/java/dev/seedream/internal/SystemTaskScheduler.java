package dev.seedream.internal;

import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The default {@link TaskScheduler}: the system clock and one daemon timer thread. */
public final class SystemTaskScheduler implements TaskScheduler {
  /** How often cancelled timers are swept out of the queue. */
  static final Duration PURGE = Duration.ofSeconds(1);

  private final ScheduledThreadPoolExecutor executor;

  public SystemTaskScheduler() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "seedream-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    // cancel() must not take the queue's lock: it is called on event loops (a poll answered cancels
    // its attempt timer), where a contended lock would park a thread that must never block. Cancelled
    // timers are swept out by the timer thread itself instead, so at most a second of them is held.
    executor.setRemoveOnCancelPolicy(false);
    executor.scheduleWithFixedDelay(executor::purge, PURGE.toNanos(), PURGE.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public boolean isRealTime() {
    return true;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /** Timers in the queue, cancelled ones included until the next sweep; for tests. */
  int queued() {
    return executor.getQueue().size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
