package dev.seedream.internal;

import dev.seedream.CancelledException;
import dev.seedream.SeedreamException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Bridges between blocking code and futures, in both directions. */
public final class Blocking {
  /**
   * Set while a blocking caller starts the call it will wait for: {@code TRUE} until the call's first
   * request claims the thread ({@link #claimWaitingCaller}), then {@code FALSE}; absent otherwise.
   */
  private static final ThreadLocal<Boolean> WAITING_CALLER = new ThreadLocal<>();

  private Blocking() {}

  /**
   * Starts a call on the calling thread and waits for its result, as {@link #await} does. While {@code
   * start} runs, the thread is marked as a caller that will wait: the call's first request may run its
   * exchange right here (see {@link #claimWaitingCaller}) instead of on the engine's executor, saving
   * two thread hand-offs. Requests granted later, retries and polls run on the engine's threads, which
   * are never marked.
   */
  public static <T> T call(Supplier<CompletableFuture<T>> start, dev.seedream.RunId runId) {
    Boolean outer = WAITING_CALLER.get();
    WAITING_CALLER.set(Boolean.TRUE);
    CompletableFuture<T> future;
    try {
      future = start.get();
    } finally {
      if (outer == null) {
        WAITING_CALLER.remove();
      } else {
        WAITING_CALLER.set(outer);
      }
    }
    return await(future, runId);
  }

  /**
   * The current thread, if it is a blocking caller starting its call and no request of that call has
   * claimed it yet; null otherwise. Claims it: a second request of the same call gets null.
   */
  static Thread claimWaitingCaller() {
    if (WAITING_CALLER.get() != Boolean.TRUE) {
      return null;
    }
    WAITING_CALLER.set(Boolean.FALSE);
    return Thread.currentThread();
  }

  /** Whether {@code caller} is the current thread and still starting its call, so that it waits afterwards. */
  static boolean isWaiting(Thread caller) {
    return caller == Thread.currentThread() && WAITING_CALLER.get() != null;
  }

  /**
   * A bounded pool of daemon threads that end after 30 s idle. Work goes to a thread that is idle
   * when there is one; a new thread is started only when none is, up to {@code threads}; past that,
   * work waits in the queue. (A plain pool of fixed size starts a thread for each task until it is
   * full, even when its threads are idle.) Handing work to an idle thread, or queueing it, takes no
   * lock (an event loop may do it); only starting a thread takes the pool's lock, briefly.
   */
  public static ExecutorService boundedExecutor(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    AtomicInteger live = new AtomicInteger();
    IdleFirstQueue queue = new IdleFirstQueue();
    ThreadPoolExecutor[] pool = new ThreadPoolExecutor[1];
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            threads,
            30,
            TimeUnit.SECONDS,
            queue,
            runnable -> {
              Thread thread = new Thread(() -> {
                live.incrementAndGet();
                try {
                  runnable.run();
                } finally {
                  live.decrementAndGet();
                  // a thread that ended idle as work was queued at the bound: that work needs a thread
                  queue.rescue(pool[0]);
                }
              }, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (work, self) -> {
              // every thread is busy and there are as many as allowed: the work waits for one of them
              if (self.isShutdown()) {
                throw new RejectedExecutionException("the executor " + name + " is shut down");
              }
              queue.enqueue(work);
              if (live.get() == 0) {
                queue.rescue(self);
              }
            });
    pool[0] = executor;
    return executor;
  }

  /**
   * The queue of {@link #boundedExecutor}: offering work hands it to a thread waiting for work, or
   * refuses it, which makes the pool start a thread (or, at its bound, queue it anyway). Lock-free.
   */
  static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable work) {
      return tryTransfer(work);
    }

    void enqueue(Runnable work) {
      super.offer(work);
    }

    /** Hands queued work back to the pool, which starts a thread for it. */
    void rescue(ThreadPoolExecutor pool) {
      if (isEmpty() || pool.isShutdown()) {
        return;
      }
      Runnable work = poll();
      if (work != null) {
        try {
          pool.execute(work);
        } catch (RejectedExecutionException e) {
          Blocking.drop(work);
        }
      }
    }
  }

  /**
   * Runs blocking work on the executor. Cancelling the returned future interrupts the work's
   * thread; work still queued when the executor is shut down by {@link #shutdown} fails with
   * {@link CancelledException}.
   */
  static <T> CompletableFuture<T> submit(Executor executor, Supplier<T> work) {
    Task<T> task = new Task<>(work);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.result.completeExceptionally(new CancelledException("the client is closed", null, e));
    }
    return task.result;
  }

  /**
   * Blocking work run on the threads of callers that wait for it: {@link #close} interrupts the work
   * still running, as {@link #shutdown} does for an executor's, and refuses more.
   */
  static final class Callers {
    private final Set<Task<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Runs {@code work} on the calling thread; the future returned is complete. */
    <T> CompletableFuture<T> run(Supplier<T> work) {
      Task<T> task = new Task<>(work, true);
      running.add(task);
      try {
        if (closed) {
          task.result.completeExceptionally(new CancelledException("the client is closed", null, null));
        } else {
          task.run();
        }
      } finally {
        running.remove(task);
      }
      return task.result;
    }

    /** Interrupts the work running on callers' threads; the interrupt is cleared once it has ended. */
    void close() {
      closed = true;
      for (Task<?> task : running) {
        task.stop();
      }
    }
  }

  /**
   * Work that must hear it when it will never run: an executor shut down by {@link #shutdown} drops
   * the work still queued, and a task whose future someone waits for must fail it then, not leave it
   * pending for ever.
   */
  interface Droppable extends Runnable {
    /** Called, instead of {@link #run}, on the thread that shut the executor down. */
    void dropped();
  }

  /**
   * Runs {@code work} on the executor; once the executor refuses it or drops it, at its shutdown, it
   * runs on the thread that found so instead. For work that must happen (files deleted, futures
   * completed), off the calling thread when it can.
   */
  static void execute(Executor executor, Runnable work) {
    Droppable task = new Droppable() {
      @Override
      public void run() {
        work.run();
      }

      @Override
      public void dropped() {
        work.run();
      }
    };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.dropped();
    }
  }

  /** Stops the executor: interrupts running work and tells the work still queued that it was dropped. */
  public static void shutdown(ExecutorService executor) {
    for (Runnable queued : executor.shutdownNow()) {
      drop(queued);
    }
  }

  private static void drop(Runnable work) {
    if (work instanceof Droppable droppable) {
      droppable.dropped();
    }
  }

  /** Blocking work and the future of its result; cancelling the future interrupts the work. */
  private static final class Task<T> implements Droppable {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Supplier<T> work;
    /** Whether the work runs on a caller's thread, whose interrupt flag is the caller's own. */
    private final boolean onCaller;
    private Thread runner;
    /** Whether {@link #interrupt} interrupted the runner; guarded by this. */
    private boolean interrupted;

    Task(Supplier<T> work) {
      this(work, false);
    }

    Task(Supplier<T> work, boolean onCaller) {
      this.work = work;
      this.onCaller = onCaller;
      if (!onCaller) {
        // work on a caller's thread is complete before anyone holds its future: nothing can cancel it
        result.whenComplete((value, error) -> {
          if (error instanceof CancellationException) {
            interrupt();
          }
        });
      }
    }

    synchronized void interrupt() {
      if (runner != null) {
        interrupted = true;
        runner.interrupt();
      }
    }

    @Override
    public void dropped() {
      result.completeExceptionally(new CancelledException("the client was closed", null, null));
    }

    /** Interrupts the work if it runs, or makes sure it never starts. */
    synchronized void stop() {
      if (runner != null) {
        interrupt();
      } else {
        result.completeExceptionally(new CancelledException("the client was closed", null, null));
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
        boolean ours;
        synchronized (this) {
          runner = null;
          ours = interrupted;
        }
        // A cancel that raced with the end of the work must not leave the pool thread interrupted; on a
        // caller's thread only an interrupt of our own is cleared, the caller's is kept.
        if (!onCaller || ours) {
          Thread.interrupted();
        }
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
