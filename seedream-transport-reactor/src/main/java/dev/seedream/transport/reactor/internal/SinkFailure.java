package dev.seedream.transport.reactor.internal;

import java.util.concurrent.CompletionException;

/**
 * Carries a failure of the caller's sink through the exchange, so that it reaches the caller as it
 * is instead of being taken for a network failure.
 */
final class SinkFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SinkFailure(Throwable cause) {
    super("the body sink failed", unwrap(cause), false, false);
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
