package dev.seedream.transport.reactor;

import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The engine's clock and timer on a Reactor {@link Scheduler}, so that the reactive client runs on
 * Reactor's timers and {@code StepVerifier.withVirtualTime} drives it.
 *
 * @since 0.1.0
 */
public final class ReactorTaskScheduler implements TaskScheduler {
  private final Scheduler scheduler;

  private ReactorTaskScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** A task scheduler over {@code scheduler}; closing it does not dispose {@code scheduler}. */
  public static ReactorTaskScheduler of(Scheduler scheduler) {
    return new ReactorTaskScheduler(Objects.requireNonNull(scheduler, "scheduler"));
  }

  @Override
  public long nanoTime() {
    return scheduler.now(TimeUnit.NANOSECONDS);
  }

  /** True unless the scheduler is reactor-test's {@code VirtualTimeScheduler}. */
  @Override
  public boolean isRealTime() {
    for (Class<?> type = scheduler.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals("reactor.test.scheduler.VirtualTimeScheduler")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Instant now() {
    return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Disposable disposable = scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return disposable::dispose;
  }
}
