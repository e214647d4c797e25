package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.seedream.TransportException;
import dev.seedream.spi.HttpRequest;
import java.net.URI;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsTest {

  @Test
  void anUntrustedCertificateIsRefusedBeforeTheRequestIsSent() throws Exception {
    WireMockServer server = new WireMockServer(options().dynamicPort().dynamicHttpsPort()
        .bindAddress("127.0.0.1").http2PlainDisabled(true).http2TlsDisabled(true));
    server.start();
    ReactorNettyTransport transport = ReactorNettyTransport.builder().eventLoopThreads(1).threadNamePrefix("seedream-tls").build();
    try {
      server.stubFor(get("/api/v1/runs/run_1").willReturn(aResponse().withStatus(200)));
      URI uri = URI.create("https://localhost:" + server.httpsPort() + "/api/v1/runs/run_1");

      Throwable failure = TransportTestSupport.failureOf(transport.exchange(
          HttpRequest.get(uri).header("Authorization", "Bearer test-key").build()));

      assertThat(failure).isInstanceOf(TransportException.class);
      assertThat(((TransportException) failure).requestSent()).isFalse();
      assertThat(failure.getCause()).isInstanceOf(SSLHandshakeException.class)
          .hasCauseInstanceOf(java.security.cert.CertificateException.class);
      assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
      TransportTestSupport.awaitZero("connections lent", () -> transport.acquiredConnections().orElseThrow());
    } finally {
      transport.close();
      server.stop();
    }
  }
}
