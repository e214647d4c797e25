package dev.seedream;

import java.time.Duration;
import java.util.Optional;

/**
 * HTTP 429 {@code RATE_LIMITED}: too many requests in a short window. Retried with backoff; thrown
 * when the retries are spent. Another process using the same key is the usual cause: share one rate
 * budget between them. {@link #retryAfter()} is how long the server asked to wait, if it said.
 */
public class RateLimitedException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  RateLimitedException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId, Duration retryAfter) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "the key allows 20 requests per 10 s; share one client, or one RateBudget, between everything that uses the key");
    this.retryAfter = retryAfter;
  }

  /**
   * How long the server asked to wait before the next request, from its {@code Retry-After} header
   * (seconds or an HTTP date); empty when it sent none that could be read.
   *
   * @since 0.1.0
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
