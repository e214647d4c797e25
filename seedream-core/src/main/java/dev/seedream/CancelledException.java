package dev.seedream;

/**
 * A blocking call ended because its thread was interrupted. The thread's interrupt flag is set
 * again before this is thrown, and the work of the call (polling, a request in flight) is stopped.
 */
public class CancelledException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  public CancelledException(String message, RunId runId, Throwable cause) {
    super(message, runId, cause);
  }
}
