package dev.seedream.transport.apache.internal;

import dev.seedream.spi.HttpRequest;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/** Turns the engine's {@link HttpRequest} into HttpClient's request. */
public final class Requests {
  private Requests() {}

  /**
   * The request with its headers exactly as given, its body (without a {@code Content-Type} of its
   * own: the engine's header says it), and a configuration that follows no redirect, compresses
   * nothing, upgrades nothing, and bounds the wait for each read and for a pooled connection.
   *
   * @param poolTimeout the longest wait for a pooled connection; the request's timeout if shorter
   * @param keepAlive how long an idle connection is kept when the server does not say; {@code null}
   *     for HttpClient's default
   */
  public static HttpUriRequestBase toApache(HttpRequest request, Duration poolTimeout, Duration keepAlive) {
    HttpUriRequestBase apache = new HttpUriRequestBase(request.method(), request.uri());
    request.headers().forEach(apache::addHeader);
    if (request.body().length > 0 || request.method().equals("POST")) {
      apache.setEntity(new ByteArrayEntity(request.body(), null));
    }
    Duration leaseTimeout = poolTimeout.compareTo(request.timeout()) < 0 ? poolTimeout : request.timeout();
    RequestConfig.Builder config =
        RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setContentCompressionEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setResponseTimeout(Timeout.of(request.timeout()))
            .setConnectionRequestTimeout(Timeout.of(leaseTimeout));
    if (keepAlive != null) {
      config.setConnectionKeepAlive(TimeValue.of(keepAlive));
    }
    apache.setConfig(config.build());
    return apache;
  }

  /** {@code "GET https://host:port/path"}: the request for messages, without query or user info. */
  public static String describe(HttpRequest request) {
    URI uri = request.uri();
    StringBuilder out = new StringBuilder(request.method()).append(' ').append(uri.getScheme()).append("://");
    out.append(uri.getHost());
    if (uri.getPort() != -1) {
      out.append(':').append(uri.getPort());
    }
    return out.append(uri.getRawPath() == null ? "" : uri.getRawPath()).toString();
  }
}
