package dev.seedream.transport.apache;

import dev.seedream.SeedreamException;
import dev.seedream.TransportException;
import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.TransportOptions;
import dev.seedream.transport.apache.internal.Attempt;
import dev.seedream.transport.apache.internal.Bodies;
import dev.seedream.transport.apache.internal.ConnectedMarker;
import dev.seedream.transport.apache.internal.Failures;
import dev.seedream.transport.apache.internal.Requests;
import dev.seedream.transport.apache.internal.Watchdog;
import java.io.IOException;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The blocking {@link HttpTransport} on Apache HttpClient 5 (classic API), with pooled connections.
 *
 * <p>Clients find it on the classpath through {@link ApacheTransportProvider}; build one yourself
 * to tune the pool, or wrap a {@link CloseableHttpClient} of your own with {@link
 * #create(CloseableHttpClient)}:
 *
 * <pre>{@code
 * HttpTransport transport = ApacheHttpTransport.builder()
 *     .maxTotal(32)
 *     .maxPerRoute(16)
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>What it does, as the {@link HttpTransport} contract asks: it sends the headers as given and
 * follows no redirect; it bounds each attempt by {@link HttpRequest#timeout()} from the start of
 * the exchange to the end of the answer, and aborts it when the calling thread is interrupted
 * (throwing {@link TransportException} with the interrupt flag still set); it reads at most {@link
 * HttpRequest#maxResponseBytes()} into memory (a larger 2xx body is a {@link
 * dev.seedream.MalformedResponseException}, a larger error body is cut to its first bytes) and
 * discards the connection beyond that; it streams a body to a sink in chunks of 64 KiB; a {@link
 * SeedreamException} of a sink (an image refused, a disk full, a run's fields past their bound) is
 * thrown on as it is and discards the connection; it returns every connection to the pool, or
 * discards it, on every path. TLS verification is always on; the
 * JDK's proxy properties ({@code https.proxyHost}, {@code http.nonProxyHosts}, ...) and TLS
 * properties ({@code javax.net.ssl.*}) are honoured. Compression, cookies and HttpClient's own
 * retries are off: the engine retries.
 *
 * <p>Thread-safe. One daemon thread per transport watches deadlines and interrupts while exchanges
 * are in flight; {@link #close()} stops it.
 */
public final class ApacheHttpTransport implements HttpTransport {
  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager pool;
  private final boolean ownsClient;
  private final Duration poolTimeout;
  private final Duration keepAlive;
  private final Watchdog watchdog = new Watchdog();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApacheHttpTransport(
      CloseableHttpClient client,
      PoolingHttpClientConnectionManager pool,
      boolean ownsClient,
      Duration poolTimeout,
      Duration keepAlive) {
    this.client = client;
    this.pool = pool;
    this.ownsClient = ownsClient;
    this.poolTimeout = poolTimeout;
    this.keepAlive = keepAlive;
  }

  /** A builder with the defaults of {@link TransportOptions#defaults()}: 10 s to connect, 64 connections. */
  public static Builder builder() {
    return new Builder(TransportOptions.defaults());
  }

  /** A builder with the connect timeout of {@code options}, and its connection count in total and per host. */
  public static Builder builder(TransportOptions options) {
    return new Builder(Objects.requireNonNull(options, "options"));
  }

  /** A transport with the defaults of {@link #builder()}. */
  public static ApacheHttpTransport create() {
    return builder().build();
  }

  /**
   * A transport over a client of your own: its pool, proxy, TLS and connect settings apply.
   *
   * <p>For each request the transport sets a request configuration of its own (no redirects, no
   * compression, the request's timeout as response timeout and as the longest wait for a pooled
   * connection), which replaces the client's default one. Build the client with {@code
   * disableAutomaticRetries()}: the engine retries, and a client that retries too may repeat a
   * request. {@link #close()} does not close your client, and {@link #poolStats()} is not known.
   */
  public static ApacheHttpTransport create(CloseableHttpClient userClient) {
    Objects.requireNonNull(userClient, "userClient");
    return new ApacheHttpTransport(userClient, null, false, Duration.ofDays(1), null);
  }

  @Override
  public HttpResponse exchange(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    return send(request, null);
  }

  @Override
  public HttpResponse download(HttpRequest request, BodySink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    return send(request, sink);
  }

  /**
   * True: the watchdog ends every exchange by its request's timeout (a silent or trickling server
   * included) and aborts it once the calling thread is interrupted, so the engine sets no timer of its
   * own and may run an exchange on a blocking caller's thread.
   */
  @Override
  public boolean enforcesTimeout() {
    return true;
  }

  private HttpResponse send(HttpRequest request, BodySink sink) {
    if (closed.get()) {
      throw new IllegalStateException("this transport is closed: build a new one");
    }
    String what = Requests.describe(request);
    if (Thread.currentThread().isInterrupted()) {
      throw new TransportException(
          TransportException.Reason.IO, false, what + " was not sent: the calling thread is interrupted", null);
    }
    Attempt attempt =
        new Attempt(
            Requests.toApache(request, poolTimeout, keepAlive),
            Thread.currentThread(),
            Watchdog.deadline(request.timeout()));
    watchdog.watch(attempt);
    try {
      ClassicHttpResponse response = client.executeOpen(null, attempt.request(), attempt.context());
      try {
        return answer(response, request, sink, what, attempt);
      } catch (IOException | RuntimeException | Error e) {
        attempt.discard();
        throw e;
      } finally {
        closeQuietly(response);
      }
    } catch (Bodies.SinkFailure e) {
      throw sinkFailed(what, e.getCause());
    } catch (IOException e) {
      throw Failures.map(e, attempt, ownsClient, what, request.timeout());
    } catch (RuntimeException e) {
      if (attempt.aborted() == null || e instanceof SeedreamException) {
        throw e;
      }
      throw Failures.map(e, attempt, ownsClient, what, request.timeout());
    } finally {
      watchdog.forget(attempt);
      attempt.awaitAbort();
    }
  }

  private static HttpResponse answer(
      ClassicHttpResponse response, HttpRequest request, BodySink sink, String what, Attempt attempt) throws IOException {
    int status = response.getCode();
    if (status >= 200 && status < 300) {
      if (sink != null) {
        HttpResponse head = HttpResponse.of(status, Bodies.headers(response), null);
        sink.begin(head); // may refuse the body before it is read: the caller discards the connection
        Bodies.stream(response, sink);
        return head;
      }
      return HttpResponse.of(status, Bodies.headers(response), Bodies.readBounded(response, request.maxResponseBytes(), what));
    }
    // an error body is cut at the bound: its first bytes are enough to map and show it
    Bodies.Prefix body = Bodies.readPrefix(response, request.maxResponseBytes());
    if (!body.complete()) {
      attempt.discard();
    }
    return HttpResponse.of(status, Bodies.headers(response), body.bytes());
  }

  private static TransportException sinkFailed(String what, IOException cause) {
    if (Thread.currentThread().isInterrupted()) {
      return new TransportException(
          TransportException.Reason.IO, true, what + " was aborted: the calling thread was interrupted", cause);
    }
    return new TransportException(
        TransportException.Reason.IO, true, what + ": the sink could not take the body: " + cause.getMessage(), cause);
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException e) {
      // the connection is discarded already; nothing more to free
    }
  }

  /**
   * The pool's state now.
   *
   * @throws IllegalStateException for a transport over a client of your own, whose pool it cannot see
   */
  public PoolStats poolStats() {
    if (pool == null) {
      throw new IllegalStateException(
          "the pool of a client of your own is not known to this transport: ask its connection manager");
    }
    org.apache.hc.core5.pool.PoolStats total = pool.getTotalStats();
    return new PoolStats(total.getLeased(), total.getAvailable(), total.getPending(), total.getMax());
  }

  /**
   * Closes the pool's connections at once, exchanges in flight included, and stops the watchdog
   * thread. A client passed to {@link #create(CloseableHttpClient)} is left open: it is yours.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watchdog.close();
    if (ownsClient) {
      client.close(CloseMode.IMMEDIATE);
    }
  }

  @Override
  public String toString() {
    return "ApacheHttpTransport{" + (pool == null ? "client of the user" : poolStats()) + "}";
  }

  /** Builds an {@link ApacheHttpTransport}; not thread-safe. */
  public static final class Builder {
    private int maxTotal;
    private int maxPerRoute;
    private Duration connectTimeout;
    private Duration poolTimeout;
    private Duration keepAlive = Duration.ofSeconds(30);

    private Builder(TransportOptions options) {
      this.maxTotal = options.maxConnections();
      this.maxPerRoute = options.maxConnections();
      this.connectTimeout = options.connectTimeout();
      this.poolTimeout = options.connectTimeout();
    }

    /** The most connections open at once, to all hosts together. */
    public Builder maxTotal(int maxTotal) {
      this.maxTotal = atLeastOne(maxTotal, "maxTotal");
      return this;
    }

    /** The most connections open at once to one host (scheme, host and port). */
    public Builder maxPerRoute(int maxPerRoute) {
      this.maxPerRoute = atLeastOne(maxPerRoute, "maxPerRoute");
      return this;
    }

    /** How long to wait for a TCP connection and its TLS handshake. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The longest wait for a free connection when the pool is exhausted (the request's own timeout
     * if shorter); then the exchange fails with {@link TransportException.Reason#CONNECT}, unsent.
     * Defaults to the connect timeout.
     */
    public Builder poolTimeout(Duration poolTimeout) {
      this.poolTimeout = positive(poolTimeout, "poolTimeout");
      return this;
    }

    /** How long an idle connection is kept for reuse when the server does not say; 30 s by default. */
    public Builder keepAlive(Duration keepAlive) {
      this.keepAlive = positive(keepAlive, "keepAlive");
      return this;
    }

    /** The transport; it owns its client and pool, and frees them on {@link ApacheHttpTransport#close()}. */
    public ApacheHttpTransport build() {
      PoolingHttpClientConnectionManager pool =
          PoolingHttpClientConnectionManagerBuilder.create()
              .useSystemProperties()
              .setMaxConnTotal(maxTotal)
              .setMaxConnPerRoute(Math.min(maxPerRoute, maxTotal))
              .setDefaultConnectionConfig(
                  ConnectionConfig.custom()
                      .setConnectTimeout(Timeout.of(connectTimeout))
                      .setSocketTimeout(Timeout.of(connectTimeout))
                      .build())
              .build();
      CloseableHttpClient client =
          HttpClients.custom()
              .useSystemProperties()
              .setConnectionManager(pool)
              .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
              .disableRedirectHandling()
              .disableAutomaticRetries()
              .disableContentCompression()
              .disableCookieManagement()
              .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), ConnectedMarker.NAME, new ConnectedMarker())
              .build();
      return new ApacheHttpTransport(client, pool, true, poolTimeout, keepAlive);
    }

    private static int atLeastOne(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
