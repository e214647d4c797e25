package dev.seedream.testkit.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The two WireMock servers of a fake: the API origin and the image origin, each on its own port of
 * 127.0.0.1, set up for tests (HTTP/2 over plain HTTP off, no WireMock journal but a bounded list of
 * the unmatched requests,
 * asynchronous responses so that delays hold no server thread, unmatched requests answered with
 * WireMock's loud 404), warmed up before use. The API server can be stopped and started again on
 * its port (an outage) while the engine, and so every run, charge and journal entry, stays.
 */
public final class FakeServers implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final String HEALTH = "/__control/health";

  private final FakeEngine engine;
  private final WireMockServer images;
  private final UnmatchedRequests apiUnmatched = new UnmatchedRequests();
  private final UnmatchedRequests imageUnmatched = new UnmatchedRequests();
  private volatile WireMockServer api;
  private volatile int apiPort;
  private volatile boolean down;

  private FakeServers(FakeEngine engine) {
    this.engine = engine;
    Settings settings = engine.settings();
    this.images = new WireMockServer(options(settings.imagePort(),
        new ImageTransformer(engine), new ControlTransformer(engine, this, true), imageUnmatched));
  }

  /** Starts both servers for the engine and tells it where its images live. */
  public static FakeServers start(FakeEngine engine) {
    FakeServers servers = new FakeServers(engine);
    boolean started = false;
    try {
      servers.api = startApi(servers, engine.settings().port());
      servers.apiPort = servers.api.port();
      servers.images.start();
      servers.images.stubFor(get(urlPathMatching("/images/.+")).willReturn(aResponse().withTransformers(ImageTransformer.NAME)));
      servers.images.stubFor(any(urlPathMatching("/__control/.+")).willReturn(aResponse().withTransformers(ControlTransformer.NAME)));
      stubDashboard(servers.images);
      engine.imageBaseUrl(servers.imageBaseUrl());
      warmUp(servers.imageBaseUrl());
      started = true;
      return servers;
    } finally {
      if (!started) {
        if (servers.api != null) {
          stopQuietly(servers.api);
        }
        stopQuietly(servers.images);
      }
    }
  }

  public String baseUrl() {
    return "http://" + HOST + ":" + apiPort;
  }

  public String imageBaseUrl() {
    return "http://" + HOST + ":" + images.port();
  }

  /**
   * Stops the API server: its port refuses connections and open ones are closed (a request in
   * flight gets up to 2 s to finish). The image origin and the engine's state stay. Does nothing
   * during an outage.
   */
  public synchronized void outage() {
    if (down || !images.isRunning()) {
      return;
    }
    down = true;
    api.stop();
  }

  /**
   * Starts the API server again on the same port, warmed up. Does nothing unless in an outage.
   *
   * @throws IllegalStateException if the port cannot be bound again (the outage goes on)
   */
  public synchronized void restore() {
    if (!down || !images.isRunning()) {
      return;
    }
    try {
      api = startApi(this, apiPort);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the fake could not open its API port " + apiPort + " again (" + e.getMessage()
          + "): another process may have taken it during the outage; a fixed port(..) outside the ephemeral range makes that unlikely", e);
    }
    down = false;
  }

  /** Whether the API port is closed by {@link #outage()}. */
  public boolean isDown() {
    return down;
  }

  /** Requests that neither server knew, as method and URL. */
  public synchronized List<String> unmatchedRequests() {
    List<String> out = new ArrayList<>(apiUnmatched.snapshot(baseUrl()));
    out.addAll(imageUnmatched.snapshot(imageBaseUrl()));
    return out;
  }

  /** Forgets the unmatched requests (the fake's journal is the engine's). */
  public synchronized void resetRequests() {
    apiUnmatched.clear();
    imageUnmatched.clear();
  }

  /** Whether the servers are started and not closed (during an outage too). */
  public boolean isRunning() {
    return images.isRunning() && (down || api.isRunning());
  }

  @Override
  public synchronized void close() {
    stopQuietly(api);
    stopQuietly(images);
  }

  /** A started, stubbed and warmed-up API server on the port (0: a free one). */
  private static WireMockServer startApi(FakeServers servers, int port) {
    FakeEngine engine = servers.engine;
    WireMockServer api = new WireMockServer(options(port,
        new ApiTransformer(engine), new ControlTransformer(engine, servers, false), servers.apiUnmatched));
    boolean started = false;
    try {
      api.start();
      api.stubFor(post(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse().withTransformers(ApiTransformer.NAME)));
      api.stubFor(get(urlPathMatching("/api/v1/runs/[^/]+")).willReturn(aResponse().withTransformers(ApiTransformer.NAME)));
      api.stubFor(any(urlPathMatching("/__control/.+")).willReturn(aResponse().withTransformers(ControlTransformer.NAME)));
      stubDashboard(api);
      warmUp("http://" + HOST + ":" + api.port());
      started = true;
      return api;
    } finally {
      if (!started) {
        stopQuietly(api);
      }
    }
  }

  /** {@code GET /__dashboard}: the page, which polls the control endpoint of the origin it came from. */
  private static void stubDashboard(WireMockServer server) {
    server.stubFor(get(urlPathEqualTo(Dashboard.PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "text/html; charset=utf-8")
        .withHeader("Content-Security-Policy", Dashboard.POLICY)
        .withHeader("Cache-Control", "no-store")
        .withBody(Dashboard.PAGE)));
  }

  private static WireMockConfiguration options(int port, Extension... extensions) {
    WireMockConfiguration options = WireMockConfiguration.options()
        .bindAddress(HOST)
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        // WireMock's journal would hold every body served: the fake keeps its own, bounded
        .disableRequestJournal()
        .asynchronousResponseEnabled(true)
        .asynchronousResponseThreads(4)
        .containerThreads(16)
        .gzipDisabled(true)
        .jettyStopTimeout(2_000L)
        .extensionScanningEnabled(false)
        .notifier(new ConsoleNotifier(false))
        .extensions(extensions);
    return port == 0 ? options.dynamicPort() : options.port(port);
  }

  private static void warmUp(String base) {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(base + HEALTH).openConnection();
      connection.setRequestProperty("Connection", "close");
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(5_000);
      try (InputStream in = connection.getInputStream()) {
        in.readAllBytes();
      } finally {
        connection.disconnect();
      }
      if (connection.getResponseCode() != 200) {
        throw new IllegalStateException("the fake Runbase at " + base + " did not answer its health check: " + connection.getResponseCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the fake Runbase at " + base + " did not answer its warm-up request", e);
    }
  }

  private static void stopQuietly(WireMockServer server) {
    if (server.isRunning()) {
      server.stop();
    }
  }
}
