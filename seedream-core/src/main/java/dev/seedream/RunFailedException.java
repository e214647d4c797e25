package dev.seedream;

import java.util.Objects;
import java.util.Optional;

/** A run ended with status {@code failed}. Its cost is refunded by Runbase. */
public class RunFailedException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final transient Run run;

  public RunFailedException(Run run) {
    super(message(run), Objects.requireNonNull(run, "run").id(), null);
    this.run = run;
  }

  private static String message(Run run) {
    return "run "
        + run.id()
        + " failed: "
        + run.error().map(RunError::toString).orElse("the server gave no reason")
        + " (the cost is refunded; change the input or try again)";
  }

  /** The run as the server last described it. */
  public Run run() {
    return run;
  }

  /** The server's error, if it sent one. */
  public Optional<RunError> error() {
    return run.error();
  }
}
