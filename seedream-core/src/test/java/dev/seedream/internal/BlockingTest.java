package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.CancelledException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingTest {
  private final ExecutorService executor = Blocking.boundedExecutor("blocking-test", 4);

  @AfterEach
  void stop() throws InterruptedException {
    Blocking.shutdown(executor);
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Waits until a thread of the pool is idle, waiting for work: a condition, not a time (bounded all the same). */
  private void awaitIdleThread() {
    Blocking.IdleFirstQueue queue = (Blocking.IdleFirstQueue) ((ThreadPoolExecutor) executor).getQueue();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!queue.hasWaitingConsumer()) {
      assertThat(System.nanoTime() - end).as("no thread of the pool became idle within 10 s").isNegative();
      Thread.onSpinWait();
    }
  }

  /** Blocking work: says it started, then holds its thread until released. */
  private static Object holdUntil(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  @Test
  void workGoesToAnIdleThreadBeforeANewThreadIsStarted() {
    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      threads.add(Blocking.submit(executor, () -> Thread.currentThread().getName()).join());
      awaitIdleThread();
    }

    assertThat(threads).hasSize(1);
    assertThat(((ThreadPoolExecutor) executor).getLargestPoolSize()).isEqualTo(1);
  }

  @Test
  void busyThreadsMakeThePoolGrowToItsBoundAndThenWorkWaits() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(4);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    CompletableFuture<?>[] blocked = new CompletableFuture<?>[6];
    for (int i = 0; i < blocked.length; i++) {
      blocked[i] = Blocking.submit(executor, () -> {
        threads.add(Thread.currentThread().getName());
        return holdUntil(started, release);
      });
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(((ThreadPoolExecutor) executor).getPoolSize()).isEqualTo(4);
    assertThat(queue()).hasSize(2);

    release.countDown();
    CompletableFuture.allOf(blocked).get(10, TimeUnit.SECONDS);

    assertThat(threads).hasSize(4);
    assertThat(((ThreadPoolExecutor) executor).getLargestPoolSize()).isEqualTo(4);
  }

  @Test
  void workStillQueuedAtShutdownIsToldThatItWasDropped() throws Exception {
    ExecutorService one = Blocking.boundedExecutor("blocking-test-one", 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> busy = Blocking.submit(one, () -> holdUntil(running, release));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<String> queued = Blocking.submit(one, () -> "never");
    AtomicReference<String> ranOn = new AtomicReference<>();
    Blocking.execute(one, () -> ranOn.set(Thread.currentThread().getName()));

    Blocking.shutdown(one);

    assertThatThrownBy(queued::join).hasCauseInstanceOf(CancelledException.class);
    assertThat(ranOn.get()).as("work that must happen runs on the thread that shut the pool down")
        .isEqualTo(Thread.currentThread().getName());
    assertThat(one.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(busy).isDone();
  }

  @Test
  void workHandedToAShutDownExecutorRunsOnTheCallersThread() {
    Blocking.shutdown(executor);
    AtomicReference<String> ranOn = new AtomicReference<>();

    Blocking.execute(executor, () -> ranOn.set(Thread.currentThread().getName()));

    assertThat(ranOn.get()).isEqualTo(Thread.currentThread().getName());
    assertThatThrownBy(() -> Blocking.submit(executor, () -> "x").join()).hasCauseInstanceOf(CancelledException.class);
  }

  private BlockingQueue<Runnable> queue() {
    return ((ThreadPoolExecutor) executor).getQueue();
  }
}
