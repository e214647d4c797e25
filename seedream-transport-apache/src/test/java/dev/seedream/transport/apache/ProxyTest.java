package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.seedream.spi.HttpRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxyTest extends WireMockTestBase {
  @Test
  void honoursTheJdkProxyProperties() {
    server.stubFor(get("/api/v1/runs/r1").willReturn(aResponse().withStatus(200).withBody("via proxy")));
    String oldHost = System.getProperty("http.proxyHost");
    String oldPort = System.getProperty("http.proxyPort");
    System.setProperty("http.proxyHost", "localhost");
    System.setProperty("http.proxyPort", String.valueOf(server.port()));
    try {
      byte[] body = transport.exchange(HttpRequest.get(URI.create("http://api.runbase.invalid/api/v1/runs/r1")).build()).body();

      assertThat(new String(body)).isEqualTo("via proxy");
      LoggedRequest seen = server.getAllServeEvents().get(0).getRequest();
      assertThat(seen.getHeader("Host")).isEqualTo("api.runbase.invalid");
    } finally {
      restore("http.proxyHost", oldHost);
      restore("http.proxyPort", oldPort);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
