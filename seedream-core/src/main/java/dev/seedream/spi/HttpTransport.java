package dev.seedream.spi;

/**
 * The blocking HTTP port. An adapter (such as {@code seedream-transport-apache}) implements it;
 * the engine calls it from its own bounded executor or from the caller's thread.
 *
 * <p>The contract, for adapter authors:
 *
 * <ul>
 *   <li>Send the request's headers exactly as given; add none that carry credentials.
 *   <li>Do not follow redirects: return a 3xx answer as it is. The engine follows redirects itself,
 *       so that the rule "{@code Authorization} only to the API's origin" lives in one place.
 *   <li>Honour {@link HttpRequest#timeout()} for the whole attempt, and thread interruption where
 *       the client library allows.
 *   <li>Hold at most {@link HttpRequest#maxResponseBytes()} of a body in memory. A 2xx body in
 *       {@link #exchange} that is larger throws {@link dev.seedream.MalformedResponseException}; a
 *       larger body of any other status is cut to its first {@code maxResponseBytes} bytes (enough
 *       for an excerpt and for Runbase's error JSON), the rest is not read, the connection is
 *       discarded, and the answer is returned, so that it still maps to its status. A body
 *       streamed to a sink is not bounded by the transport: the sink bounds it.
 *   <li>A sink's {@link dev.seedream.SeedreamException} reaches the caller as it is, and ends the
 *       exchange (the connection is discarded).
 *   <li>Throw {@link dev.seedream.TransportException} for network failures, with {@code
 *       requestSent} false only when no byte of the request can have reached the server.
 *   <li>In {@link #download}, call {@link BodySink#begin} with the status and headers of a 2xx
 *       answer before reading its body. A {@link dev.seedream.SeedreamException} that the sink
 *       throws (from {@code begin} or {@code write}) is not a network failure: throw it on as it
 *       is, read no more of the body, and discard the connection.
 *   <li>Close or consume every answer body on every path, and keep TLS verification on.
 *   <li>Be thread-safe.
 * </ul>
 */
public interface HttpTransport extends AutoCloseable {
  /** Sends a request and returns the answer with its body in memory. */
  HttpResponse exchange(HttpRequest request);

  /**
   * The streaming exchange: sends a request; for a 2xx answer, tells {@code sink} its head ({@link
   * BodySink#begin}), streams the body to it in chunks and returns the answer with an empty body; for
   * any other status, returns the answer with its body in memory (bounded as for {@link #exchange},
   * cut beyond the bound). The engine uses it for every API answer (through the codec's {@link
   * RunBody}, which keeps only a run's own fields) and for images (into a file), so that no body is
   * held whole.
   */
  HttpResponse download(HttpRequest request, BodySink sink);

  /**
   * Whether this transport itself ends every exchange by its request's {@link HttpRequest#timeout()},
   * counted from the start of the call to the end of the answer (a slow or silent server included), with
   * a {@link dev.seedream.TransportException} of reason {@code TIMEOUT}, and promptly once the calling
   * thread is interrupted. When true, the engine sets no timer of its own per attempt, and it may run an
   * exchange on the thread of a blocking caller that waits for it anyway, instead of handing it to its
   * executor. Default false: the engine times each attempt itself and runs every exchange on its own
   * executor. Say true only with a test that proves it (the testkit's {@code TransportTimeoutContract}).
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
