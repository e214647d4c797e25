package dev.seedream.cli;

import dev.seedream.CancelledException;
import dev.seedream.DeadlineExceededException;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamException;
import dev.seedream.internal.Blocking;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --timeout} of a whole command, on the monotonic clock: every create, wait and download
 * of the command takes what is left of it. Without {@code --timeout}, {@code batch} has none (each
 * of its waits has the client's default), and {@link #left()} is null.
 */
final class Deadline {
  private final Duration total;
  private final long endNanos;

  private Deadline(Duration total) {
    this.total = total;
    this.endNanos = total == null ? 0 : System.nanoTime() + total.toNanos();
  }

  /** A deadline {@code total} from now; null for none. */
  static Deadline after(Duration total) {
    return new Deadline(total);
  }

  /** The whole of it, as the user gave it; null for none. */
  Duration total() {
    return total;
  }

  /** What is left, at least one millisecond while it has not passed; null for none. */
  Duration left() {
    if (total == null) {
      return null;
    }
    return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), endNanos - System.nanoTime()));
  }

  /** Whether it has passed. */
  boolean passed() {
    return total != null && System.nanoTime() - endNanos >= 0;
  }

  /**
   * The SDK exception inside a failed step. A deadline the SDK was given as what was left of this
   * one is named as the user gave it ({@code --timeout 5s}, not the 4.37s that were left).
   */
  RuntimeException failure(Throwable error) {
    RuntimeException failure = Blocking.rethrow(error);
    if (total != null && failure instanceof DeadlineExceededException) {
      DeadlineExceededException passed = (DeadlineExceededException) failure;
      SeedreamException cause = passed.getCause() instanceof SeedreamException ? (SeedreamException) passed.getCause() : null;
      return DeadlineExceededException.of(passed.runId().orElse(null), passed.lastStatus().orElse(null), total, cause);
    }
    return failure;
  }

  /**
   * Waits for the future until the deadline, plus {@code slack}. When that passes, or the thread is
   * interrupted, the future is cancelled (which stops its work) and this throws {@link
   * DeadlineExceededException} or {@link CancelledException} (with the interrupt flag set again).
   *
   * @param runId the run the work is for, named in the exceptions; null for none
   * @param lastStatus the run's last known status, for the deadline's message; null if none
   */
  <T> T await(CompletableFuture<T> future, Duration slack, RunId runId, RunStatus lastStatus) {
    try {
      return total == null ? future.get() : future.get(left().plus(slack).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw DeadlineExceededException.of(runId, lastStatus, total, null);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted" + (runId == null ? "" : " while working on run " + runId), runId, e);
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (CancellationException e) {
      throw new CancelledException("cancelled" + (runId == null ? "" : " while working on run " + runId), runId, e);
    }
  }
}
