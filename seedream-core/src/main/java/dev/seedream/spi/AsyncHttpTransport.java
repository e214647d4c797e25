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
   * The streaming exchange: sends a request; for a 2xx answer, tells {@code sink} its head ({@link
   * AsyncBodySink#begin}), streams the body to it, passing the next chunk only once the stage of the
   * previous one has completed, and completes with the answer without body; for any other status,
   * completes with the answer and its bounded body (cut beyond {@link HttpRequest#maxResponseBytes()},
   * as for {@link HttpTransport#download}). A {@link dev.seedream.SeedreamException} from the sink
   * completes the future as it is (not as a network failure), and the connection is discarded. The
   * engine uses it for every API answer, with a sink over the codec's {@link RunBody} whose stages are
   * complete when returned (reading a chunk is CPU work only, done on the calling thread), and for
   * images, with a sink that writes on the engine's threads.
   *
   * <p>A chunk may be a view of the transport's own buffer: it must stay valid, unchanged, until its
   * stage completes. A failed stage ends the exchange with that failure.
   */
  CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink);

  /** Frees the transport's connections and threads. */
  @Override
  default void close() {}
}
