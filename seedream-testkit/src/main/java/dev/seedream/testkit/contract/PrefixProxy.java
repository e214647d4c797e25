package dev.seedream.testkit.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A reverse proxy on loopback that serves an API under a path prefix ({@code /proxy/api/v1/runs}
 * goes to {@code <target>/api/v1/runs}), and remembers the paths it was asked for.
 */
final class PrefixProxy implements AutoCloseable {
  private final WireMockServer server;
  private final String prefix;

  private PrefixProxy(WireMockServer server, String prefix) {
    this.server = server;
    this.prefix = prefix;
  }

  static PrefixProxy start(String prefix, String target) {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        .extensionScanningEnabled(false)
        .jettyStopTimeout(2_000L)
        .notifier(new ConsoleNotifier(false)));
    server.start();
    server.stubFor(any(urlPathMatching(prefix + "/.*"))
        .willReturn(aResponse().proxiedFrom(target).withProxyUrlPrefixToRemove(prefix)));
    return new PrefixProxy(server, prefix);
  }

  /** {@code http://127.0.0.1:PORT/<prefix>}. */
  String baseUrl() {
    return server.baseUrl() + prefix;
  }

  /** The paths asked for, oldest first. */
  List<String> paths() {
    List<String> paths = server.getAllServeEvents().stream()
        .map(event -> event.getRequest().getUrl())
        .collect(Collectors.toList());
    java.util.Collections.reverse(paths);
    return paths;
  }

  @Override
  public void close() {
    server.stop();
  }
}
