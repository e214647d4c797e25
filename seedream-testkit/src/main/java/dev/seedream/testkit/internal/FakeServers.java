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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The two WireMock servers of a fake: the API origin and the image origin, each on its own port of
 * 127.0.0.1, set up for tests (HTTP/2 over plain HTTP off, bounded journal and logged bodies,
 * asynchronous responses so that delays hold no server thread, unmatched requests answered with
 * WireMock's loud 404), warmed up before use.
 */
public final class FakeServers implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final String HEALTH = "/__control/health";

  private final WireMockServer api;
  private final WireMockServer images;

  private FakeServers(WireMockServer api, WireMockServer images) {
    this.api = api;
    this.images = images;
  }

  /** Starts both servers for the engine and tells it where its images live. */
  public static FakeServers start(FakeEngine engine) {
    Settings settings = engine.settings();
    WireMockServer api = new WireMockServer(options(settings, settings.port(),
        new ApiTransformer(engine), new ControlTransformer(engine)));
    WireMockServer images = new WireMockServer(options(settings, settings.imagePort(),
        new ImageTransformer(engine), new ControlTransformer(engine)));
    boolean started = false;
    try {
      api.start();
      images.start();
      api.stubFor(post(urlPathEqualTo("/api/v1/runs")).willReturn(aResponse().withTransformers(ApiTransformer.NAME)));
      api.stubFor(get(urlPathMatching("/api/v1/runs/[^/]+")).willReturn(aResponse().withTransformers(ApiTransformer.NAME)));
      api.stubFor(any(urlPathMatching("/__control/.+")).willReturn(aResponse().withTransformers(ControlTransformer.NAME)));
      images.stubFor(get(urlPathMatching("/images/.+")).willReturn(aResponse().withTransformers(ImageTransformer.NAME)));
      images.stubFor(get(urlPathEqualTo(HEALTH)).willReturn(aResponse().withTransformers(ControlTransformer.NAME)));
      FakeServers servers = new FakeServers(api, images);
      engine.imageBaseUrl(servers.imageBaseUrl());
      warmUp(servers.baseUrl());
      warmUp(servers.imageBaseUrl());
      api.resetRequests();
      images.resetRequests();
      started = true;
      return servers;
    } finally {
      if (!started) {
        stopQuietly(api);
        stopQuietly(images);
      }
    }
  }

  public String baseUrl() {
    return "http://" + HOST + ":" + api.port();
  }

  public String imageBaseUrl() {
    return "http://" + HOST + ":" + images.port();
  }

  /** Requests that neither server knew, as method and URL. */
  public List<String> unmatchedRequests() {
    List<String> out = new ArrayList<>();
    for (LoggedRequest r : api.findAllUnmatchedRequests()) {
      out.add(r.getMethod() + " " + baseUrl() + r.getUrl());
    }
    for (LoggedRequest r : images.findAllUnmatchedRequests()) {
      out.add(r.getMethod() + " " + imageBaseUrl() + r.getUrl());
    }
    return out;
  }

  /** Clears WireMock's own journals (the fake's journal is the engine's). */
  public void resetRequests() {
    api.resetRequests();
    images.resetRequests();
  }

  public boolean isRunning() {
    return api.isRunning() && images.isRunning();
  }

  @Override
  public void close() {
    stopQuietly(api);
    stopQuietly(images);
  }

  private static WireMockConfiguration options(Settings settings, int port, Extension... extensions) {
    WireMockConfiguration options = WireMockConfiguration.options()
        .bindAddress(HOST)
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        .maxRequestJournalEntries(settings.journalSize())
        .maxLoggedResponseSize(4 * 1024)
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
