package dev.seedream;

/** HTTP 429 {@code USAGE_EXCEEDED}: the key's quota is spent. Retrying does not help, so it is never retried. */
public class UsageExceededException extends ApiException {
  static final String CODE = "USAGE_EXCEEDED";
  private static final long serialVersionUID = 1L;

  UsageExceededException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "the key's quota is spent: raise it or use another key");
  }
}
