package dev.seedream;

import java.util.Objects;

/**
 * The network failed: no connection, a timeout, a connection closed or reset, or another I/O error.
 *
 * <p>{@link #requestSent()} says whether the request may have reached the server. The engine only
 * retries a create when it certainly did not, so that a retry never creates a second run.
 */
public class TransportException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure it was. */
  public enum Reason {
    /** No connection could be made (refused, unreachable, DNS): the request was not sent. */
    CONNECT,
    /** The attempt took longer than its timeout. */
    TIMEOUT,
    /** The connection was closed or reset, or the answer ended early. */
    CONNECTION_CLOSED,
    /** Any other I/O failure. */
    IO
  }

  private final Reason reason;
  private final boolean requestSent;

  /** A failure whose {@link #requestSent()} follows from its reason: false only for CONNECT. */
  public TransportException(Reason reason, String message, Throwable cause) {
    this(reason, reason != Reason.CONNECT, message, cause);
  }

  public TransportException(Reason reason, boolean requestSent, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.requestSent = requestSent;
  }

  public Reason reason() {
    return reason;
  }

  /** Whether any byte of the request may have reached the server. */
  public boolean requestSent() {
    return requestSent;
  }
}
