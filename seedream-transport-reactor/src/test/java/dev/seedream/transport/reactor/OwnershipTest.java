package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.spi.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

class OwnershipTest extends TransportTestSupport {

  @Test
  void closeStopsTheEventLoopThreadsTheTransportOwns() throws Exception {
    server.stubFor(get("/ping").willReturn(aResponse().withStatus(204)));
    ReactorNettyTransport own = ReactorNettyTransport.builder().threadNamePrefix("seedream-owned").eventLoopThreads(1).build();
    assertThat(valueOf(own.exchange(HttpRequest.get(uri("/ping")).build())).status()).isEqualTo(204);
    assertThat(liveThreads("seedream-owned")).isPositive();

    own.close();

    awaitZero("live event-loop threads after close", () -> liveThreads("seedream-owned"));
  }

  @Test
  void aCallersClientIsUsedWithoutRedirectsAndKeepsItsPoolOnClose() throws Exception {
    server.stubFor(get("/from").willReturn(aResponse().withStatus(301).withHeader("Location", "/to")));
    server.stubFor(get("/to").willReturn(aResponse().withStatus(200)));
    ConnectionProvider callersPool = ConnectionProvider.create("callers-pool", 4);
    try {
      ReactorNettyTransport over = ReactorNettyTransport.create(HttpClient.create(callersPool).followRedirect(true));

      assertThat(valueOf(over.exchange(HttpRequest.get(uri("/from")).build())).status()).isEqualTo(301);
      assertThat(over.acquiredConnections()).isEmpty();
      over.close();

      assertThat(callersPool.isDisposed()).isFalse();
      server.verify(0, getRequestedFor(urlEqualTo("/to")));
    } finally {
      callersPool.disposeLater().block(Duration.ofSeconds(5));
    }
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> ReactorNettyTransport.builder().maxConnections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be at least 1, but was 0");
    assertThatThrownBy(() -> ReactorNettyTransport.builder().connectTimeout(Duration.ofSeconds(-3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, but was PT-3S");
    assertThatThrownBy(() -> ReactorNettyTransport.builder().pendingAcquireTimeout(null))
        .isInstanceOf(NullPointerException.class).hasMessage("pendingAcquireTimeout");
  }

  private static int liveThreads(String prefix) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
