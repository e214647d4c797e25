package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.SeedreamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
   * thread.
   */
  static <T> CompletableFuture<T> submit(ExecutorService executor, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Future<?> task;
    try {
      task =
          executor.submit(
              () -> {
                if (result.isDone()) {
                  return;
                }
                try {
                  result.complete(work.get());
                } catch (Throwable e) {
                  result.completeExceptionally(e);
                }
              });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new CancelledException("the client is closed", null, e));
      return result;
    }
    result.whenComplete(
        (value, error) -> {
          if (error instanceof CancellationException) {
            task.cancel(true);
          }
        });
    return result;
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
