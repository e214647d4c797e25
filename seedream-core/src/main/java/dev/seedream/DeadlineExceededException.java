package dev.seedream;

import java.time.Duration;
import java.util.Optional;

/**
 * The caller's deadline passed before the run finished. The run itself goes on at Runbase; its id
 * can be awaited again later.
 */
public class DeadlineExceededException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final transient RunStatus lastStatus;
  private final Duration deadline;

  public DeadlineExceededException(RunId runId, RunStatus lastStatus, Duration deadline) {
    super(
        "deadline of "
            + deadline
            + " passed"
            + (runId == null ? "" : " while waiting for run " + runId)
            + (lastStatus == null ? "" : " (last status: " + lastStatus + ")")
            + ": the run goes on at Runbase; await its id again or raise the deadline",
        runId,
        null);
    this.lastStatus = lastStatus;
    this.deadline = deadline;
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
