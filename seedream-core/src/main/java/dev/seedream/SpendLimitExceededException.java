package dev.seedream;

/** HTTP 403 {@code api_key_spend_limit_exceeded}: the key reached its spend limit. Not retried. */
public class SpendLimitExceededException extends PermissionDeniedException {
  private static final long serialVersionUID = 1L;

  static final String CODE = "api_key_spend_limit_exceeded";

  SpendLimitExceededException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "raise the key's spend limit or use another key");
  }
}
