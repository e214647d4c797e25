package dev.seedream.cli;

import dev.seedream.CancelledException;
import dev.seedream.DeadlineExceededException;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunMayExistException;
import dev.seedream.SeedreamClient;
import dev.seedream.TransportException;
import dev.seedream.internal.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The steps of a run as the commands take them (create, wait, download), each within what is left
 * of the command's {@link Deadline} and each stopped by an interrupt (a signal).
 *
 * <p>A create is the one step that is not simply cut off: once it may have reached Runbase, its
 * answer is the id of a billed run. Interrupted, it waits {@link Interruption#CREATE_GRACE} more for
 * that answer; a create that is cut off without one ends in {@link RunMayExistException}, never in
 * "not created".
 */
final class RunSteps {
  /** The engine ends its own calls at the deadline it is given; this is a backstop on top. */
  private static final Duration ENGINE_SLACK = Duration.ofSeconds(2);

  private final SeedreamClient client;
  private final Deadline deadline;

  RunSteps(SeedreamClient client, Deadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /**
   * Creates a run and returns its id. When the thread was interrupted meanwhile, it returns the id
   * all the same if the answer came within the grace, with the interrupt flag set again.
   *
   * @throws RunMayExistException when the create may have reached Runbase without a readable
   *     answer: the SDK's own verdict (the deadline passed while it was in flight, among others), or a
   *     create cut off by a signal
   * @throws DeadlineExceededException when the deadline passed before it was sent: nothing was created
   * @throws dev.seedream.SeedreamException any other failure: then no run was created
   */
  RunId create(RunInput input) {
    Instant sentAt = Instant.now();
    CompletableFuture<RunId> created = deadline.total() == null
        ? client.async().submit(input)
        : client.async().submit(input, deadline.left());
    try {
      return deadline.total() == null
          ? created.get()
          : created.get(deadline.left().plus(ENGINE_SLACK).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      created.cancel(true);
      throw new RunMayExistException(input, sentAt, new TransportException(TransportException.Reason.TIMEOUT, true,
          "no answer within the --timeout of " + Texts.duration(deadline.total()), null));
    } catch (ExecutionException e) {
      throw deadline.failure(e.getCause());
    } catch (InterruptedException e) {
      return answerWithinGrace(created, input, sentAt);
    }
  }

  private RunId answerWithinGrace(CompletableFuture<RunId> created, RunInput input, Instant sentAt) {
    try {
      return created.get(Interruption.CREATE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      created.cancel(true);
      throw new RunMayExistException(input, sentAt, new CancelledException(
          "the create was cut off by a signal before Runbase answered", null, e));
    } catch (ExecutionException e) {
      throw deadline.failure(e.getCause());
    } finally {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits for a run to end and returns it once succeeded, telling {@code onUpdate} of each status
   * seen.
   *
   * @throws dev.seedream.RunFailedException if it failed
   * @throws DeadlineExceededException if the deadline passed first
   * @throws CancelledException if the thread was interrupted
   */
  Run await(RunId runId, Consumer<Run> onUpdate) {
    Duration left = deadline.left();
    CompletableFuture<Run> wait = left == null
        ? client.async().watch(runId, onUpdate)
        : client.async().watch(runId, left, onUpdate);
    return deadline.await(wait, ENGINE_SLACK, runId, null);
  }

  /** Downloads a succeeded run's images into {@code directory}; all or nothing. */
  List<Path> download(Run run, Path directory) {
    return deadline.await(client.async().download(run, directory), Duration.ZERO, run.id(), run.status());
  }

  /** Whether the command's deadline has passed. */
  boolean deadlinePassed() {
    return deadline.passed();
  }

  /** The error for a step that was not started because the deadline had passed. */
  DeadlineExceededException deadlineExceeded() {
    return DeadlineExceededException.of(null, null, deadline.total(), null);
  }
}
