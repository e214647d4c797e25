package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.SeedreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Bridges between blocking code and futures, in both directions. */
public final class Blocking {
  private Blocking() {}

  /** A bounded pool of daemon threads that end when idle. */
  public static ExecutorService boundedExecutor(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * Runs blocking work on the executor. Cancelling the returned future interrupts the work's
   * thread; work still queued when the executor is shut down by {@link #shutdown} fails with
   * {@link CancelledException}.
   */
  static <T> CompletableFuture<T> submit(ExecutorService executor, Supplier<T> work) {
    Task<T> task = new Task<>(work);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.result.completeExceptionally(new CancelledException("the client is closed", null, e));
    }
    return task.result;
  }

  /** Stops the executor: interrupts running work and fails work still queued. */
  public static void shutdown(ExecutorService executor) {
    for (Runnable queued : executor.shutdownNow()) {
      if (queued instanceof Task) {
        ((Task<?>) queued).result.completeExceptionally(new CancelledException("the client was closed", null, null));
      }
    }
  }

  /** Blocking work and the future of its result; cancelling the future interrupts the work. */
  private static final class Task<T> implements Runnable {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Supplier<T> work;
    private Thread runner;

    Task(Supplier<T> work) {
      this.work = work;
      result.whenComplete((value, error) -> {
        if (error instanceof CancellationException) {
          interrupt();
        }
      });
    }

    private synchronized void interrupt() {
      if (runner != null) {
        runner.interrupt();
      }
    }

    @Override
    public void run() {
      synchronized (this) {
        if (result.isDone()) {
          return;
        }
        runner = Thread.currentThread();
      }
      try {
        result.complete(work.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      } finally {
        synchronized (this) {
          runner = null;
        }
        // A cancel that raced with the end of the work must not leave the pool thread interrupted.
        Thread.interrupted();
      }
    }
  }

  /**
   * Waits for a future on the calling thread and unwraps its failure. An interrupt cancels the
   * future, sets the interrupt flag again and throws {@link CancelledException}.
   */
  public static <T> T await(CompletableFuture<T> future, dev.seedream.RunId runId) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting" + (runId == null ? "" : " for run " + runId), runId, e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (CancellationException e) {
      throw new CancelledException("cancelled" + (runId == null ? "" : " while waiting for run " + runId), runId, e);
    }
  }

  /** The SDK exception inside a failure, or a SeedreamException wrapping a foreign one. */
  public static RuntimeException rethrow(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof RuntimeException) {
      return (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new SeedreamException("unexpected failure: " + cause, cause);
  }

  /** The cause inside CompletionException and ExecutionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
