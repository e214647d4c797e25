package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock server on a loopback dynamic port and a transport that owns its pool, per test. */
abstract class TransportTestSupport {
  static final String THREAD_PREFIX = "seedream-test";
  static final int EVENT_LOOP_THREADS = 2;

  final Gate gate = new Gate();
  WireMockServer server;
  ReactorNettyTransport transport;

  @BeforeEach
  void startServerAndTransport() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true)
        .containerThreads(60).extensions(gate));
    server.start();
    transport = transportBuilder().build();
  }

  /** The transport's settings; a test class may override. */
  ReactorNettyTransport.Builder transportBuilder() {
    return ReactorNettyTransport.builder()
        .eventLoopThreads(EVENT_LOOP_THREADS)
        .threadNamePrefix(THREAD_PREFIX)
        .maxConnections(50)
        .connectTimeout(Duration.ofSeconds(2));
  }

  @AfterEach
  void noConnectionLeakedThenStop() throws InterruptedException {
    try {
      gate.open();
      awaitZero("connections lent to exchanges", () -> transport.acquiredConnections().orElseThrow());
    } finally {
      transport.close();
      server.stop();
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** Waits, up to a deadline, for a count driven by real events to reach zero. */
  static void awaitZero(String what, IntSupplier count) throws InterruptedException {
    org.awaitility.Awaitility.await(what)
        .atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(5))
        .until(() -> count.getAsInt() == 0);
    assertThat(count.getAsInt()).as(what).isZero();
  }

  /** The failure a future completed with. */
  static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
    try {
      future.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the future did not complete", e);
    }
    throw new AssertionError("the future completed without failing");
  }

  static <T> T valueOf(CompletableFuture<T> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }
}
