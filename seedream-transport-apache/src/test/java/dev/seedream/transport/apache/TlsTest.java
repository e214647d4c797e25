package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.seedream.TransportException;
import dev.seedream.spi.HttpRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TlsTest {
  @Test
  void refusesAServerWhoseCertificateIsNotTrustedBeforeSendingAnything() {
    WireMockServer https = new WireMockServer(options().dynamicPort().dynamicHttpsPort().http2PlainDisabled(true));
    https.start();
    try (ApacheHttpTransport transport = ApacheHttpTransport.create()) {
      https.stubFor(get("/api/v1/runs/r1").willReturn(aResponse().withStatus(200)));

      TransportException failure =
          catchThrowableOfType(
              TransportException.class,
              () -> transport.exchange(HttpRequest.get(URI.create("https://localhost:" + https.httpsPort() + "/api/v1/runs/r1")).build()));

      assertThat(failure.reason()).isEqualTo(TransportException.Reason.CONNECT);
      assertThat(failure.requestSent()).isFalse();
      assertThat(https.getAllServeEvents()).isEmpty();
      assertThat(transport.poolStats().leased()).isZero();
    } finally {
      https.stop();
    }
  }
}
