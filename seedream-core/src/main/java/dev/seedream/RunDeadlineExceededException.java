package dev.seedream;

import java.time.Duration;
import java.util.Objects;

/**
 * The caller's deadline passed while a run that exists was waited for: the run goes on at Runbase,
 * and {@link #existingRunId()} can be awaited again later (or read with {@code get}).
 *
 * <pre>{@code
 * try {
 *   Run run = client.generate(request, Duration.ofMinutes(3));
 * } catch (RunDeadlineExceededException e) {        // the run exists: keep its id
 *   RunId later = e.existingRunId();
 * } catch (DeadlineExceededException e) {           // nothing was created
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RunDeadlineExceededException extends DeadlineExceededException {
  private static final long serialVersionUID = 1L;

  private final transient RunId existingRunId;

  RunDeadlineExceededException(RunId runId, RunStatus lastStatus, Duration deadline, SeedreamException lastFailure) {
    super(Objects.requireNonNull(runId, "runId"), lastStatus, deadline, lastFailure);
    this.existingRunId = runId;
  }

  /** The id of the run that was waited for; it exists at Runbase. Never null. */
  public RunId existingRunId() {
    return existingRunId;
  }
}
