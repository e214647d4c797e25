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

  /**
   * Whether every future this transport returns completes by its request's {@link HttpRequest#timeout()},
   * counted from the call to the end of the answer (a slow or silent server included), failing with a
   * {@link dev.seedream.TransportException} of reason {@code TIMEOUT}, without the engine's help. When
   * true, the engine sets no timer of its own per attempt. Default false: the engine times each attempt
   * itself and cancels the future at its timeout. Say true only with a test that proves it (the
   * testkit's {@code TransportTimeoutContract}).
   *
   * @since 0.1.0
   */
  default boolean enforcesTimeout() {
    return false;
  }

  /** Frees the transport's connections and threads. */
  @Override
  default void close() {}
}
