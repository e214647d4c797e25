package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureTest extends TransportTestSupport {

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aBrokenAnswerIsAClosedConnectionAfterTheRequestWasSent(Fault fault) throws Exception {
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withFault(fault)));

    Throwable failure = failureOf(transport.exchange(
        HttpRequest.post(uri("/api/v1/runs"), "{}".getBytes(StandardCharsets.UTF_8)).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    TransportException error = (TransportException) failure;
    assertThat(error.reason()).as("reason for %s", fault).isEqualTo(Reason.CONNECTION_CLOSED);
    assertThat(error.requestSent()).isTrue();
    assertThat(error.getMessage()).contains("POST http://127.0.0.1:" + server.port() + "/api/v1/runs");
    server.verify(1, postRequestedFor(urlEqualTo("/api/v1/runs")));
  }

  @Test
  void aPostOnAReusedConnectionThatClosesIsNotSentAgain() throws Exception {
    server.stubFor(get("/warm").willReturn(aResponse().withStatus(200).withBody("ok")));
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    valueOf(transport.exchange(HttpRequest.get(uri("/warm")).build()));
    awaitZero("connections lent after warming the pool", () -> transport.acquiredConnections().orElseThrow());
    assertThat(transport.openConnections()).hasValue(1);

    Throwable failure = failureOf(transport.exchange(
        HttpRequest.post(uri("/api/v1/runs"), "{}".getBytes(StandardCharsets.UTF_8)).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).requestSent()).isTrue();
    server.verify(1, postRequestedFor(urlEqualTo("/api/v1/runs")));
  }

  @Test
  void anAnswerSlowerThanTheTimeoutIsATimeoutAfterTheRequestWasSent() throws Exception {
    server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withTransformers(Gate.NAME)));

    Throwable failure = failureOf(transport.exchange(
        HttpRequest.get(uri("/slow")).timeout(Duration.ofMillis(300)).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(Reason.TIMEOUT);
    assertThat(((TransportException) failure).requestSent()).isTrue();
    assertThat(failure.getMessage()).contains("GET http://127.0.0.1:" + server.port() + "/slow", "PT0.3S");
  }

  @Test
  void aRefusedConnectionIsAConnectFailureBeforeTheRequestWasSent() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + freePort() + "/api/v1/runs?token=secret-value");

    Throwable failure = failureOf(transport.exchange(HttpRequest.post(closed, new byte[] {1}).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(Reason.CONNECT);
    assertThat(((TransportException) failure).requestSent()).isFalse();
    assertThat(failure.getMessage()).contains("Could not connect").doesNotContain("secret-value");
  }

  @Test
  void waitingTooLongForAPooledConnectionIsAConnectFailureBeforeTheRequestWasSent() throws Exception {
    transport.close();
    transport = transportBuilder().maxConnections(1).pendingAcquireTimeout(Duration.ofMillis(100)).build();
    server.stubFor(get("/held").willReturn(aResponse().withStatus(200).withTransformers(Gate.NAME)));
    CompletableFuture<?> holder = transport.exchange(HttpRequest.get(uri("/held")).build());
    gate.awaitArrivals(1);

    Throwable failure = failureOf(transport.exchange(HttpRequest.get(uri("/held")).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(Reason.CONNECT);
    assertThat(((TransportException) failure).requestSent()).isFalse();
    gate.open();
    assertThat(valueOf(holder)).isNotNull();
  }

  @Test
  void tooManyWaitingExchangesIsAConnectFailureBeforeTheRequestWasSent() throws Exception {
    transport.close();
    transport = transportBuilder().maxConnections(1).pendingAcquireMaxCount(1).build();
    server.stubFor(get("/held").willReturn(aResponse().withStatus(200).withTransformers(Gate.NAME)));
    CompletableFuture<?> holder = transport.exchange(HttpRequest.get(uri("/held")).build());
    gate.awaitArrivals(1);
    CompletableFuture<?> waiting = transport.exchange(HttpRequest.get(uri("/held")).build());

    Throwable failure = failureOf(transport.exchange(HttpRequest.get(uri("/held")).build()));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(Reason.CONNECT);
    assertThat(((TransportException) failure).requestSent()).isFalse();
    assertThat(failure.getMessage()).contains("No pooled connection was free").contains("maxConnections");
    gate.open();
    assertThat(valueOf(holder)).isNotNull();
    assertThat(valueOf(waiting)).isNotNull();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
