package dev.seedream;

import dev.seedream.internal.Texts;
import java.time.Duration;
import java.util.Optional;

/**
 * The caller's deadline passed before the call was done.
 *
 * <p>Where a run exists, the exception is a {@link RunDeadlineExceededException}, whose {@link
 * RunDeadlineExceededException#existingRunId()} is the run's id (never empty): the run goes on at
 * Runbase and can be awaited again later. A plain {@code DeadlineExceededException} has no run id:
 * the deadline passed before the run was created, while a create waited for
 * the rate budget or for a retry after a failure that came before Runbase processed it: nothing was
 * created. (A create still in flight at the deadline ends in {@link RunMayExistException}
 * instead.) {@link #getCause()} is the last failure that was being retried, if any.
 */
public class DeadlineExceededException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final transient RunStatus lastStatus;
  private final Duration deadline;

  /**
   * The exception for a deadline that passed: a {@link RunDeadlineExceededException} when {@code
   * runId} is not null.
   *
   * @param runId the run waited for, or null if none was created
   * @param lastStatus the last status seen, or null
   * @param deadline the deadline the caller gave
   * @param lastFailure the last failure that was being retried when the deadline passed, or null
   * @since 0.1.0
   */
  public static DeadlineExceededException of(
      RunId runId, RunStatus lastStatus, Duration deadline, SeedreamException lastFailure) {
    java.util.Objects.requireNonNull(deadline, "deadline");
    return runId == null
        ? new DeadlineExceededException(null, null, deadline, lastFailure)
        : new RunDeadlineExceededException(runId, lastStatus, deadline, lastFailure);
  }

  DeadlineExceededException(RunId runId, RunStatus lastStatus, Duration deadline, SeedreamException lastFailure) {
    super(message(runId, lastStatus, deadline, lastFailure), runId, lastFailure);
    this.lastStatus = lastStatus;
    this.deadline = deadline;
  }

  private static String message(RunId runId, RunStatus lastStatus, Duration deadline, SeedreamException lastFailure) {
    StringBuilder out = new StringBuilder("deadline of ").append(Texts.duration(deadline)).append(" passed");
    if (runId == null) {
      out.append(" before the run was created: nothing was created");
    } else {
      out.append(" while waiting for run ").append(runId);
      if (lastStatus != null) {
        out.append(" (last status: ").append(lastStatus).append(')');
      }
      out.append(": the run goes on at Runbase; await its id again or raise the deadline");
    }
    if (lastFailure != null) {
      out.append(". The last failure, retried until then: ").append(lastFailure.getMessage());
    }
    return out.toString();
  }

  /** The last status seen before the deadline, if the run was read at all. */
  public Optional<RunStatus> lastStatus() {
    return Optional.ofNullable(lastStatus);
  }

  /** The deadline that passed. */
  public Duration deadline() {
    return deadline;
  }
}
