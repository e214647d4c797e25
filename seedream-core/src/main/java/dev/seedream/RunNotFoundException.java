package dev.seedream;

/** HTTP 404 {@code run_not_found}: no run with this id for this account. Not retried. */
public class RunNotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Runbase's code for an unknown run; a 404 without it is not this exception. */
  public static final String CODE = "run_not_found";

  RunNotFoundException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "check the run id and that it was created with the same account");
  }
}
