package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.seedream.TransportException;
import dev.seedream.TransportException.Reason;
import dev.seedream.spi.HttpRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureTest extends WireMockTestBase {
  @ParameterizedTest
  @CsvSource({
    "CONNECTION_RESET_BY_PEER, CONNECTION_CLOSED",
    "EMPTY_RESPONSE,           CONNECTION_CLOSED",
    "MALFORMED_RESPONSE_CHUNK, CONNECTION_CLOSED",
  })
  void aFaultOfTheServerIsAClosedConnectionAfterTheRequestWasSent(Fault fault, Reason reason) {
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withFault(fault)));

    TransportException failure = catchThrowableOfType(TransportException.class, () -> transport.exchange(aPost()));

    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.requestSent()).isTrue();
    assertThat(failure.getMessage()).startsWith("POST http://localhost:").doesNotContain("sk-secret");
  }

  @Test
  void randomDataFromTheServerIsAClosedConnectionOrAnIoFailureAfterTheRequestWasSent() {
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    TransportException failure = catchThrowableOfType(TransportException.class, () -> transport.exchange(aPost()));

    assertThat(failure.reason()).isIn(Reason.CONNECTION_CLOSED, Reason.IO);
    assertThat(failure.requestSent()).isTrue();
  }

  @Test
  void aFaultDuringADownloadIsAClosedConnection() {
    server.stubFor(get("/image.png").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    TransportException failure =
        catchThrowableOfType(TransportException.class, () -> transport.download(getRequest("/image.png"), chunk -> {}));

    assertThat(failure.reason()).isEqualTo(Reason.CONNECTION_CLOSED);
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsATimeout() {
    server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    TransportException failure =
        catchThrowableOfType(
            TransportException.class,
            () -> transport.exchange(HttpRequest.get(uri("/slow")).timeout(Duration.ofMillis(300)).build()));

    assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(failure.requestSent()).isTrue();
    assertThat(failure.getMessage()).contains("300 ms");
  }

  @Test
  void aBodyThatTricklesPastTheTimeoutIsATimeoutOfTheWholeAttempt() {
    server.stubFor(
        get("/trickle").willReturn(aResponse().withStatus(200).withBody(new byte[20_000]).withChunkedDribbleDelay(20, 3_000)));

    TransportException failure =
        catchThrowableOfType(
            TransportException.class,
            () -> transport.exchange(HttpRequest.get(uri("/trickle")).timeout(Duration.ofMillis(600)).build()));

    assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(failure.requestSent()).isTrue();
  }

  @Test
  void aRefusedConnectionIsAConnectFailureBeforeAnythingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    TransportException failure =
        catchThrowableOfType(
            TransportException.class,
            () -> transport.exchange(HttpRequest.post(URI.create("http://127.0.0.1:" + closedPort + "/api/v1/runs"), new byte[1]).build()));

    assertThat(failure.reason()).isEqualTo(Reason.CONNECT);
    assertThat(failure.requestSent()).isFalse();
  }

  @Test
  void anExhaustedPoolIsAConnectFailureBeforeAnythingWasSent() throws Exception {
    TransportException failure = whileTheOnlyConnectionIsHeld(Duration.ofMillis(200), aPost());

    assertThat(failure.reason()).isEqualTo(Reason.CONNECT);
    assertThat(failure.requestSent()).isFalse();
  }

  @Test
  void aDeadlinePassedWhileWaitingForAPooledConnectionSentNothing() throws Exception {
    TransportException failure = whileTheOnlyConnectionIsHeld(
        Duration.ofSeconds(30), HttpRequest.post(uri("/api/v1/runs"), new byte[0]).timeout(Duration.ofMillis(200)).build());

    assertThat(failure.reason()).isIn(Reason.TIMEOUT, Reason.CONNECT);
    assertThat(failure.requestSent()).isFalse();
  }

  /** Sends {@code request} through a pool of one connection that a slow download holds. */
  private TransportException whileTheOnlyConnectionIsHeld(Duration poolTimeout, HttpRequest request) throws Exception {
    server.stubFor(get("/hold").willReturn(aResponse().withStatus(200).withBody(new byte[200_000])));
    transport.close();
    transport = ApacheHttpTransport.builder().maxTotal(1).poolTimeout(poolTimeout).build();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(() -> transport.download(getRequest("/hold"), chunk -> {
          holding.countDown();
          await(release);
        }));
    try {
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
      return catchThrowableOfType(TransportException.class, () -> transport.exchange(request));
    } finally {
      release.countDown();
      holder.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void closingTheTransportStopsItsWatchdogThread() {
    server.stubFor(get("/ok").willReturn(aResponse().withStatus(200)));
    transport.exchange(getRequest("/ok"));
    assertThat(watchdogThreads()).isNotEmpty();

    transport.close();

    assertThat(watchdogThreads()).isEmpty();
  }

  private static java.util.List<Thread> watchdogThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("seedream-apache-watchdog") && thread.isAlive())
        .collect(java.util.stream.Collectors.toList());
  }

  @Test
  void anInterruptAbortsAnExchangeInFlightAndKeepsTheFlag() throws Exception {
    server.stubFor(get("/forever").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagAfterwards = new AtomicBoolean();
    Thread caller =
        new Thread(() -> {
          try {
            transport.exchange(HttpRequest.get(uri("/forever")).timeout(Duration.ofSeconds(30)).build());
          } catch (Throwable t) {
            thrown.set(t);
          }
          flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
    caller.start();
    awaitLeased(1);

    caller.interrupt();
    caller.join(5_000);

    assertThat(caller.isAlive()).as("the exchange was aborted, not left to the server's delay").isFalse();
    assertThat(thrown.get()).isInstanceOf(TransportException.class).hasMessageContaining("interrupted");
    assertThat(flagAfterwards).isTrue();
  }

  @Test
  void anInterruptedThreadSendsNothing() throws ExecutionException, InterruptedException {
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withStatus(201)));

    CompletableFuture<TransportException> result = new CompletableFuture<>();
    Thread caller =
        new Thread(() -> {
          Thread.currentThread().interrupt();
          try {
            transport.exchange(aPost());
            result.complete(null);
          } catch (TransportException e) {
            result.complete(Thread.currentThread().isInterrupted() ? e : null);
          }
        });
    caller.start();

    TransportException failure = result.get();
    assertThat(failure).as("thrown with the flag kept").isNotNull();
    assertThat(failure.requestSent()).isFalse();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  private static HttpRequest aPost() {
    return HttpRequest.post(uri("/api/v1/runs"), "{}".getBytes(StandardCharsets.UTF_8))
        .header("Authorization", "Bearer sk-secret")
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private void awaitLeased(int leased) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (transport.poolStats().leased() != leased) {
      assertThat(System.nanoTime() - deadline).as("waiting for %d leased connections", leased).isNegative();
      Thread.onSpinWait();
      Thread.yield();
    }
    // the request is written right after the lease; wait until the server has it
    while (server.getAllServeEvents().isEmpty()) {
      assertThat(System.nanoTime() - deadline).as("waiting for the request to reach the server").isNegative();
      Thread.yield();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
