package dev.seedream.transport.apache.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Aborts attempts whose deadline has passed or whose thread was interrupted.
 *
 * <p>A thread blocked in a socket read does not wake up on {@link Thread#interrupt()}, and the
 * client's response timeout bounds each read, not the whole attempt; so one daemon thread per
 * transport watches the attempts in flight. It parks while there are none, and wakes at the next
 * deadline or every {@value #INTERRUPT_CHECK_MILLIS} ms to see interrupts while there are some.
 * A new attempt wakes it only when it was parked idle or the attempt's deadline comes before its
 * next wake-up, not on every request.
 */
public final class Watchdog implements AutoCloseable {
  static final long INTERRUPT_CHECK_MILLIS = 20;

  /** Longer timeouts are cut to this, so that deadlines stay far from overflowing. */
  private static final Duration LONGEST = Duration.ofDays(365);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Set<Attempt> attempts = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private volatile Thread thread;
  private volatile boolean closed;
  private volatile boolean idle;
  private volatile long nextWakeNanos;

  /** The deadline, in {@link System#nanoTime()} units, of an attempt that may take {@code timeout}. */
  public static long deadline(Duration timeout) {
    return System.nanoTime() + (timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout).toNanos();
  }

  /** Starts watching {@code attempt}. */
  public void watch(Attempt attempt) {
    attempts.add(attempt);
    Thread watcher = thread();
    if (idle || attempt.deadlineNanos() - nextWakeNanos < 0) {
      LockSupport.unpark(watcher);
    }
  }

  /** Stops watching {@code attempt}. */
  public void forget(Attempt attempt) {
    attempts.remove(attempt);
  }

  private Thread thread() {
    Thread started = thread;
    if (started != null) {
      return started;
    }
    synchronized (lock) {
      if (thread == null) {
        thread = new Thread(this::run, "seedream-apache-watchdog-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
      }
      return thread;
    }
  }

  private void run() {
    while (!closed) {
      if (attempts.isEmpty()) {
        idle = true;
        if (attempts.isEmpty() && !closed) {
          LockSupport.park(this);
        }
        idle = false;
        continue;
      }
      long now = System.nanoTime();
      long wait = TimeUnit.MILLISECONDS.toNanos(INTERRUPT_CHECK_MILLIS);
      for (Attempt attempt : attempts) {
        if (attempt.caller().isInterrupted()) {
          attempt.abort(Attempt.Abort.INTERRUPT);
          attempts.remove(attempt);
        } else if (now - attempt.deadlineNanos() >= 0) {
          attempt.abort(Attempt.Abort.DEADLINE);
          attempts.remove(attempt);
        } else {
          wait = Math.min(wait, attempt.deadlineNanos() - now);
        }
      }
      nextWakeNanos = now + wait;
      LockSupport.parkNanos(this, wait);
    }
  }

  /** Stops the thread; attempts still in flight are no longer watched. */
  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (lock) {
      running = thread;
    }
    if (running != null) {
      LockSupport.unpark(running);
      try {
        running.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
