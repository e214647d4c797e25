package dev.seedream.testkit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;

/**
 * A server on a loopback dynamic port that answers every API request with one fixed answer, for
 * the answers the fake Runbase does not give (a run whose own fields are huge, a proxy's huge error
 * page). With the testkit's raw injected answers ({@code Failure.answer(..)}), the tests that use
 * it can move to the fake.
 */
final class FixedAnswerServer implements AutoCloseable {
  private final WireMockServer server;

  private FixedAnswerServer(WireMockServer server) {
    this.server = server;
  }

  /** Started, answering {@code POST /api/v1/runs} and {@code GET /api/v1/runs/{id}} with this answer. */
  static FixedAnswerServer start(int status, String contentType, String body) {
    WireMockServer server = new WireMockServer(options()
        .dynamicPort()
        .bindAddress("127.0.0.1")
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        .maxLoggedResponseSize(1024)
        .gzipDisabled(true)
        .jettyStopTimeout(2_000L)
        .notifier(new ConsoleNotifier(false)));
    server.start();
    server.stubFor(any(urlPathMatching("/api/v1/runs(/[^/]+)?"))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    return new FixedAnswerServer(server);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** How many requests it got. */
  int requests() {
    return server.getAllServeEvents().size();
  }

  @Override
  public void close() {
    server.stop();
  }
}
