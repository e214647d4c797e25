package dev.seedream;

/** HTTP 429 {@code RATE_LIMITED}: too many requests in a short window. Retried with backoff; thrown when the retries are spent. Another process using the same key is the usual cause: share one rate budget between them. */
public class RateLimitedException extends ApiException {
  private static final long serialVersionUID = 1L;

  RateLimitedException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "the key allows 20 requests per 10 s; share one client, or one RateBudget, between everything that uses the key");
  }
}
