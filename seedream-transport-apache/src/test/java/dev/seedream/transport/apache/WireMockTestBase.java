package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.seedream.spi.HttpRequest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One WireMock server per test class on a dynamic port; one transport per test, with no connection leased after it. */
abstract class WireMockTestBase {
  static WireMockServer server;

  ApacheHttpTransport transport;

  @BeforeAll
  static void startServer() {
    server = new WireMockServer(options().dynamicPort().http2PlainDisabled(true).containerThreads(12));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @BeforeEach
  void newTransport() {
    server.resetAll();
    transport = ApacheHttpTransport.builder().maxTotal(4).connectTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void noConnectionIsLeasedAfterTheTest() {
    try {
      assertThat(transport.poolStats().leased()).as("connections still leased after the test").isZero();
      assertThat(transport.poolStats().pending()).isZero();
    } finally {
      transport.close();
    }
  }

  static URI uri(String path) {
    return URI.create(server.baseUrl() + path);
  }

  static HttpRequest getRequest(String path) {
    return HttpRequest.get(uri(path)).build();
  }
}
