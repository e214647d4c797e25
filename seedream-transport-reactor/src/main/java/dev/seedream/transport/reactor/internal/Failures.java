package dev.seedream.transport.reactor.internal;

import dev.seedream.SeedreamException;
import dev.seedream.TransportException;
import dev.seedream.TransportException.Reason;
import dev.seedream.spi.ServerText;
import dev.seedream.spi.HttpRequest;
import io.netty.handler.codec.CodecException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** Maps what Reactor Netty and Netty signal to the SDK's {@link TransportException}. */
public final class Failures {
  private Failures() {}

  /**
   * The exception to report for a failed exchange.
   *
   * @param requestStarted whether the request had been handed to a connection; when false no byte
   *     of it can have reached the server
   */
  public static Throwable map(Throwable failure, HttpRequest request, boolean requestStarted) {
    Throwable error = Exceptions.unwrap(failure);
    if (error instanceof SinkFailure) {
      return error.getCause();
    }
    if (error instanceof SeedreamException) {
      return error;
    }
    String target = request.method() + " " + withoutQuery(request.uri());
    if (isPoolExhausted(error)) {
      return new TransportException(Reason.CONNECT, false,
          "No pooled connection was free for " + target + ": " + describe(error)
              + "; nothing was sent. Raise the transport's maxConnections or pendingAcquireMaxCount/Timeout,"
              + " or send fewer requests at once", error);
    }
    if (isNoConnection(error)) {
      return new TransportException(Reason.CONNECT, false,
          "Could not connect for " + target + ": " + describe(error)
              + "; check the base URL, the network and any proxy settings", error);
    }
    if (error instanceof ReadTimeoutException
        || error instanceof io.netty.handler.timeout.TimeoutException
        || error instanceof TimeoutException) {
      return new TransportException(Reason.TIMEOUT, requestStarted,
          target + " took longer than its timeout of " + request.timeout()
              + "; raise the timeout if the server is known to be slow", error);
    }
    if (isClosed(error)) {
      return new TransportException(Reason.CONNECTION_CLOSED, requestStarted,
          "The connection closed before the answer to " + target + " was complete: " + describe(error), error);
    }
    if (error instanceof IOException) {
      return new TransportException(Reason.IO, requestStarted,
          "I/O failure during " + target + ": " + describe(error), error);
    }
    return error;
  }

  private static boolean isNoConnection(Throwable error) {
    return error instanceof ConnectException
        || error instanceof UnknownHostException
        || error instanceof NoRouteToHostException;
  }

  private static boolean isPoolExhausted(Throwable error) {
    // reactor-pool is shaded into Reactor Netty; its exceptions are matched by name, not by class
    String name = error.getClass().getSimpleName();
    return name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException");
  }

  private static boolean isClosed(Throwable error) {
    if (error instanceof PrematureCloseException
        || error instanceof AbortedException
        || error instanceof CodecException
        || error instanceof ClosedChannelException) {
      return true;
    }
    if (error instanceof SocketException) {
      return true;
    }
    String message = error.getMessage();
    return error instanceof IOException && message != null
        && message.toLowerCase(Locale.ROOT).contains("connection reset");
  }

  /** The failure in one line; its message may quote what the server sent (a bad status line), so it is escaped. */
  private static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : ServerText.printable(message);
  }

  /** Output URLs may carry signatures in their query: never put one in a message. */
  private static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
