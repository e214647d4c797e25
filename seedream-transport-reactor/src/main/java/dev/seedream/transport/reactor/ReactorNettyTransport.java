package dev.seedream.transport.reactor;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.transport.reactor.internal.Exchanges;
import dev.seedream.transport.reactor.internal.Futures;
import dev.seedream.transport.reactor.internal.PoolGauge;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The non-blocking HTTP port of seedream-java on Reactor Netty.
 *
 * <p>Built with {@link #builder()}, the transport owns its connection pool and event-loop threads
 * and frees them on {@link #close()}; built with {@link #create(HttpClient)}, it uses the caller's
 * client and frees nothing. Either way it speaks HTTP/1.1, never follows a redirect (the engine
 * does), never sends a request twice, and keeps TLS verification on.
 *
 * <p>Bodies: {@link #download} hands the sink each chunk as a view of Netty's buffer (no heap
 * copy), kept until the sink's stage for it completes and released then; an error body larger than
 * {@link HttpRequest#maxResponseBytes()} is cut to that many bytes and its connection closed.
 *
 * <p>Threads: the returned futures complete on Netty event-loop threads (or on Reactor's timer
 * thread for a timeout). Do not block in a stage chained to them; use the {@code *Async} variants
 * for blocking work. Cancelling a future aborts the exchange and closes its connection.
 *
 * <pre>{@code
 * try (ReactorNettyTransport transport = ReactorNettyTransport.builder()
 *     .maxConnections(32)
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .build()) {
 *   HttpResponse answer = transport.exchange(HttpRequest.get(uri).build()).join();
 * }
 * }</pre>
 */
public final class ReactorNettyTransport implements AsyncHttpTransport {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final Exchanges exchanges;
  private final ConnectionProvider provider;
  private final LoopResources loops;
  private final PoolGauge gauge;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ReactorNettyTransport(HttpClient client, ConnectionProvider provider, LoopResources loops, PoolGauge gauge) {
    // Reactor Netty's own retry is kept: it resends only when a pooled connection was reset before
    // the request's headers were written, so it never repeats a request the server may have seen
    this.exchanges = new Exchanges(client.followRedirect(false));
    this.provider = provider;
    this.loops = loops;
    this.gauge = gauge;
  }

  /** A transport with the defaults of {@link Builder}. */
  public static ReactorNettyTransport create() {
    return builder().build();
  }

  /**
   * A transport over the caller's own client, which keeps its pool, threads, proxy and TLS
   * settings; redirects are turned off on the copy used here.
   * {@link #close()} frees nothing: the caller owns the client's resources.
   */
  public static ReactorNettyTransport create(HttpClient client) {
    Objects.requireNonNull(client, "client");
    return new ReactorNettyTransport(client, null, null, null);
  }

  /** A builder for a transport that owns its pool and event-loop threads. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    return start(() -> exchanges.exchange(request));
  }

  @Override
  public CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    return start(() -> exchanges.download(request, sink));
  }

  /**
   * True: every exchange ends by its request's timeout, counted from the subscription to the end of
   * the answer (a silent or trickling server included), so the engine sets no timer of its own.
   */
  @Override
  public boolean enforcesTimeout() {
    return true;
  }

  private CompletableFuture<HttpResponse> start(java.util.function.Supplier<Mono<HttpResponse>> exchange) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("This transport is closed; create a new one to send requests"));
    }
    return Futures.subscribe(exchange.get());
  }

  /**
   * The connections lent to exchanges right now, as the transport's own pool counts them; empty
   * for a transport over a caller's client. Zero once every exchange has ended shows that none
   * leaked.
   */
  public OptionalInt acquiredConnections() {
    return gauge == null ? OptionalInt.empty() : OptionalInt.of(gauge.acquired());
  }

  /** The connections open right now, lent or idle; empty for a transport over a caller's client. */
  public OptionalInt openConnections() {
    return gauge == null ? OptionalInt.empty() : OptionalInt.of(gauge.allocated());
  }

  /**
   * Closes the pool and the event-loop threads this transport owns, aborting exchanges still
   * running. Waits up to 10 s for them to stop, except on a non-blocking thread, where it only
   * starts the shutdown. Idempotent.
   */
  @Override
  public void close() {
    if (provider == null || !closed.compareAndSet(false, true)) {
      closed.set(true);
      return;
    }
    Mono<Void> shutdown = provider.disposeLater()
        .then(loops.disposeLater(Duration.ZERO, CLOSE_WAIT))
        .onErrorResume(error -> Mono.empty());
    if (Schedulers.isInNonBlockingThread()) {
      shutdown.subscribe();
    } else {
      shutdown.block(CLOSE_WAIT.plusSeconds(1));
    }
  }

  /** Settings of a transport that owns its pool and threads; each has a default. */
  public static final class Builder {
    private int maxConnections = 64;
    private int pendingAcquireMaxCount = 1024;
    private Duration pendingAcquireTimeout = Duration.ofSeconds(45);
    private Duration maxIdleTime = Duration.ofSeconds(20);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int eventLoopThreads = Math.max(2, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    private String threadNamePrefix = "seedream-reactor";

    private Builder() {}

    /** The most connections open at once, over all hosts together with each host; default 64. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = positive(maxConnections, "maxConnections");
      return this;
    }

    /** How many exchanges may wait for a connection when all are in use; default 1024. */
    public Builder pendingAcquireMaxCount(int pendingAcquireMaxCount) {
      this.pendingAcquireMaxCount = positive(pendingAcquireMaxCount, "pendingAcquireMaxCount");
      return this;
    }

    /** How long an exchange may wait for a free connection; default 45 s. */
    public Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
      this.pendingAcquireTimeout = positive(pendingAcquireTimeout, "pendingAcquireTimeout");
      return this;
    }

    /** How long an unused connection stays open; default 20 s, below common server keep-alive limits. */
    public Builder maxIdleTime(Duration maxIdleTime) {
      this.maxIdleTime = positive(maxIdleTime, "maxIdleTime");
      return this;
    }

    /** How long to wait for a TCP connection; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("connectTimeout must be at most " + Integer.MAX_VALUE
            + " ms, but was " + connectTimeout);
      }
      return this;
    }

    /** How many event-loop threads serve all exchanges; default the number of CPUs, from 2 to 8. */
    public Builder eventLoopThreads(int eventLoopThreads) {
      this.eventLoopThreads = positive(eventLoopThreads, "eventLoopThreads");
      return this;
    }

    /** The prefix of the event-loop threads' names; default {@code seedream-reactor}. */
    public Builder threadNamePrefix(String threadNamePrefix) {
      Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
      if (threadNamePrefix.isBlank()) {
        throw new IllegalArgumentException("threadNamePrefix must not be blank");
      }
      this.threadNamePrefix = threadNamePrefix;
      return this;
    }

    public ReactorNettyTransport build() {
      PoolGauge gauge = new PoolGauge();
      ConnectionProvider provider = ConnectionProvider.builder(threadNamePrefix)
          .maxConnections(maxConnections)
          .pendingAcquireMaxCount(pendingAcquireMaxCount)
          .pendingAcquireTimeout(pendingAcquireTimeout)
          .maxIdleTime(maxIdleTime)
          .metrics(true, () -> gauge)
          .build();
      LoopResources loops = LoopResources.create(threadNamePrefix, eventLoopThreads, true);
      // proxy before runOn: in the other order Reactor Netty 1.3.7 resolves the target host itself
      // and never uses the proxy (ProxyTest guards this)
      HttpClient client = HttpClient.create(provider)
          .proxyWithSystemProperties()
          .runOn(loops)
          .protocol(HttpProtocol.HTTP11)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
      return new ReactorNettyTransport(client, provider, loops, gauge);
    }

    private static int positive(int value, String name) {
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
