package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.AsyncHttpTransportProvider;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.Providers;
import dev.seedream.spi.TransportOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderTest extends TransportTestSupport {

  @Test
  void theProviderIsFoundByServiceLoaderUnderTheNameReactor() {
    AsyncHttpTransportProvider provider = Providers.asyncTransport(getClass().getClassLoader());

    assertThat(provider).isInstanceOf(ReactorTransportProvider.class);
    assertThat(provider.name()).isEqualTo("reactor");
  }

  @Test
  void theProvidedTransportExchangesAndFreesItsPoolOnClose() throws Exception {
    server.stubFor(get("/ping").willReturn(aResponse().withStatus(204)));
    AsyncHttpTransport provided = new ReactorTransportProvider().create(new TransportOptions(Duration.ofSeconds(1), 2));
    try {
      assertThat(valueOf(provided.exchange(HttpRequest.get(uri("/ping")).build())).status()).isEqualTo(204);
      assertThat(provided).isInstanceOf(ReactorNettyTransport.class);
      awaitZero("connections lent", () -> ((ReactorNettyTransport) provided).acquiredConnections().orElseThrow());
    } finally {
      provided.close();
    }
    assertThat(failureOf(provided.exchange(HttpRequest.get(uri("/ping")).build())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
