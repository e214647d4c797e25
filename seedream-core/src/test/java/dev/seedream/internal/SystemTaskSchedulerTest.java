package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seedream.spi.TaskScheduler.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SystemTaskSchedulerTest {

  @Test
  void aCancelledTimerNeverRunsAndADueOneDoes() throws Exception {
    SystemTaskScheduler scheduler = new SystemTaskScheduler();
    try {
      AtomicBoolean cancelledRan = new AtomicBoolean();
      CountDownLatch due = new CountDownLatch(1);
      scheduler.schedule(() -> cancelledRan.set(true), Duration.ofMillis(50)).cancel();
      scheduler.schedule(due::countDown, Duration.ofMillis(100));

      assertThat(due.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelledRan).isFalse();
    } finally {
      scheduler.close();
    }
  }

  /** Cancelling takes no lock (it runs on event loops); the timer thread sweeps cancelled timers out. */
  @Test
  void cancelledTimersStayQueuedUntilTheTimerThreadSweepsThemWithinASecondOrSo() {
    SystemTaskScheduler scheduler = new SystemTaskScheduler();
    try {
      int before = scheduler.queued();
      List<Cancellable> timers = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        timers.add(scheduler.schedule(() -> {}, Duration.ofHours(1)));
      }
      timers.forEach(Cancellable::cancel);

      assertThat(scheduler.queued()).as("cancel() left the queue alone").isEqualTo(before + 1000);
      await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.queued() == before);
    } finally {
      scheduler.close();
    }
  }
}
