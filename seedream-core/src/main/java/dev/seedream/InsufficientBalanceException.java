package dev.seedream;

/** HTTP 402 {@code insufficient_balance}: the account cannot pay for the run. Not retried. */
public class InsufficientBalanceException extends ApiException {
  private static final long serialVersionUID = 1L;

  InsufficientBalanceException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "top up the Runbase balance");
  }
}
