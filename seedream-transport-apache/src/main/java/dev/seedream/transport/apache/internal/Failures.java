package dev.seedream.transport.apache.internal;

import dev.seedream.TransportException;
import dev.seedream.TransportException.Reason;
import dev.seedream.spi.ServerText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.UnsupportedSchemeException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/** Turns what HttpClient threw into the SDK's {@link TransportException}. */
public final class Failures {
  private Failures() {}

  /**
   * The exception for a failed attempt: an {@link IOException}, or any exception of an attempt the
   * watchdog aborted (a wait for a pooled connection ends with a {@code CancellationException}).
   *
   * @param attempt the attempt, to tell whether the watchdog aborted it and whether it was connected
   * @param tracksConnection whether the attempt's connected flag is kept (the transport's own client)
   * @param what {@code "GET https://host/path"}, for the message
   */
  public static TransportException map(
      Exception failure, Attempt attempt, boolean tracksConnection, String what, Duration timeout) {
    Attempt.Abort aborted = attempt.aborted();
    if (aborted == Attempt.Abort.INTERRUPT || Thread.currentThread().isInterrupted()) {
      Thread.currentThread().interrupt();
      return new TransportException(
          Reason.IO, sent(failure, attempt, tracksConnection), what + " was aborted: the calling thread was interrupted", failure);
    }
    if (aborted == Attempt.Abort.DEADLINE) {
      return new TransportException(
          Reason.TIMEOUT,
          sent(failure, attempt, tracksConnection),
          what + " got no complete answer within its timeout of " + timeout.toMillis() + " ms",
          failure);
    }
    if (isConnectFailure(failure)) {
      return new TransportException(Reason.CONNECT, false, what + " could not connect: " + describe(failure), failure);
    }
    boolean sent = sent(failure, attempt, tracksConnection);
    if (failure instanceof SocketTimeoutException) {
      return new TransportException(
          Reason.TIMEOUT, sent, what + " timed out waiting for the server (" + timeout.toMillis() + " ms): " + describe(failure), failure);
    }
    if (isConnectionClosed(failure)) {
      return new TransportException(Reason.CONNECTION_CLOSED, sent, what + " failed, the connection closed: " + describe(failure), failure);
    }
    return new TransportException(Reason.IO, sent, what + " failed: " + describe(failure), failure);
  }

  private static boolean sent(Exception failure, Attempt attempt, boolean tracksConnection) {
    if (isConnectFailure(failure) || failure instanceof RequestNotExecutedException) {
      return false;
    }
    return !tracksConnection || attempt.connected();
  }

  /** Failures that come before any byte of the request is written: refused, DNS, connect timeout, pool. */
  static boolean isConnectFailure(Exception failure) {
    return failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof NoRouteToHostException
        || failure instanceof ConnectTimeoutException
        || failure instanceof ConnectionRequestTimeoutException
        || failure instanceof SSLHandshakeException
        || failure instanceof UnsupportedSchemeException;
  }

  private static boolean isConnectionClosed(Exception failure) {
    if (failure instanceof NoHttpResponseException
        || failure instanceof ConnectionClosedException
        || failure instanceof MalformedChunkCodingException) {
      return true;
    }
    if (failure instanceof SocketException) {
      String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("reset") || message.contains("broken pipe") || message.contains("closed");
    }
    return failure instanceof java.io.EOFException;
  }

  /** The failure in one line; its message may quote what the server sent (a bad status line), so it is escaped. */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + ServerText.printable(message);
  }
}
