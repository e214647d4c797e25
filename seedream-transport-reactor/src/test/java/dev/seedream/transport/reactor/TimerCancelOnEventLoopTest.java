package dev.seedream.transport.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.TaskScheduler;
import dev.seedream.spi.TaskScheduler.Cancellable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The engine's default timers are cancelled on event loops (an answer cancels its attempt timer):
 * under BlockHound (installed for this module), cancelling while another thread schedules must never
 * park the non-blocking thread. A park there would fail with BlockingOperationError and, inside a
 * lock's acquire, leave the timer queue's lock wedged for good.
 */
class TimerCancelOnEventLoopTest {

  @Test
  void cancellingTimersOnANonBlockingThreadUnderContentionNeverBlocks() throws Exception {
    TaskScheduler timers = TaskScheduler.system();
    Scheduler loop = Schedulers.newParallel("cancel-loop", 1);
    AtomicBoolean stop = new AtomicBoolean();
    Thread contender = new Thread(() -> {
      while (!stop.get()) {
        timers.schedule(() -> {}, Duration.ofHours(1)).cancel();
      }
    }, "contender");
    try {
      contender.start();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CountDownLatch done = new CountDownLatch(1);
      loop.schedule(() -> {
        try {
          for (int i = 0; i < 50_000; i++) {
            Cancellable timer = timers.schedule(() -> {}, Duration.ofHours(1));
            timer.cancel();
          }
        } catch (Throwable e) {
          failure.set(e);
        } finally {
          done.countDown();
        }
      });
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(failure.get()).isNull();

      CountDownLatch fired = new CountDownLatch(1);
      timers.schedule(fired::countDown, Duration.ofMillis(10));
      assertThat(fired.await(10, TimeUnit.SECONDS)).as("the timer thread still runs").isTrue();
    } finally {
      stop.set(true);
      contender.join(10_000);
      loop.dispose();
      timers.close();
    }
  }
}
