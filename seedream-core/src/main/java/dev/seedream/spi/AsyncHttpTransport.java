package dev.seedream.spi;

import java.util.concurrent.CompletableFuture;

/**
 * The non-blocking HTTP port. The same contract as {@link HttpTransport}, with futures: failures
 * complete the future exceptionally with the same exceptions, and no method blocks its caller.
 * Cancelling a returned future aborts the exchange and releases its connection.
 */
public interface AsyncHttpTransport extends AutoCloseable {
  /** Sends a request; the future completes with the answer, its body in memory. */
  CompletableFuture<HttpResponse> exchange(HttpRequest request);

  /**
   * Sends a request; for a 2xx answer, tells {@code sink} its head ({@link AsyncBodySink#begin}),
   * streams the body to it, respecting the stages it returns, and completes with the answer without
   * body; for any other status, completes with the answer and its bounded body. A {@link
   * dev.seedream.SeedreamException} from the sink completes the future as it is (not as a network
   * failure), and the connection is discarded.
   */
  CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink);

  /** Frees the transport's connections and threads. */
  @Override
  default void close() {}
}
