package dev.seedream.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the engine hands it to a transport: method, absolute URI, headers, an
 * optional body, the timeout of this attempt and the largest answer body to hold in memory.
 *
 * <p>Immutable. {@link #toString()} never shows the value of {@code Authorization}.
 */
public final class HttpRequest {
  private static final byte[] NO_BODY = new byte[0];

  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;
  private final Duration timeout;
  private final long maxResponseBytes;

  private HttpRequest(Builder builder) {
    this.method = builder.method;
    this.uri = Objects.requireNonNull(builder.uri, "uri");
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
    this.body = builder.body;
    this.timeout = builder.timeout;
    this.maxResponseBytes = builder.maxResponseBytes;
  }

  public static Builder get(URI uri) {
    return new Builder("GET", uri);
  }

  public static Builder post(URI uri, byte[] body) {
    Builder builder = new Builder("POST", uri);
    builder.body = Objects.requireNonNull(body, "body").clone();
    return builder;
  }

  /** A builder that starts from this request: same method, URI, headers, body and bounds. */
  public Builder newBuilder() {
    Builder builder = new Builder(method, uri);
    builder.headers.putAll(headers);
    builder.body = body;
    builder.timeout = timeout;
    builder.maxResponseBytes = maxResponseBytes;
    return builder;
  }

  /** {@code GET} or {@code POST}. */
  public String method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** The headers to send, in order. Names are as given; look-ups should ignore case. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body to send; empty for GET. The array is shared: do not modify it. */
  public byte[] body() {
    return body;
  }

  /** How long this attempt may take, from sending to the end of the answer (streamed bodies included). */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The most bytes of an answer body to hold in memory: a larger 2xx body in memory is a {@link
   * dev.seedream.MalformedResponseException}, a larger error body is cut to this many bytes (see
   * {@link HttpTransport}). Does not apply to a body streamed to a sink; the engine gives the same
   * bound to the codec's {@link RunBody}, which keeps at most this many bytes of a run.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(method).append(' ').append(uri).append(" {");
    boolean first = true;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      out.append(first ? "" : ", ").append(header.getKey()).append('=');
      out.append(isSecret(header.getKey()) ? "<redacted>" : header.getValue());
      first = false;
    }
    return out.append("}").toString();
  }

  private static boolean isSecret(String headerName) {
    String name = headerName.toLowerCase(Locale.ROOT);
    return name.equals("authorization") || name.equals("proxy-authorization") || name.equals("cookie");
  }

  /** Builds an {@link HttpRequest}. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = NO_BODY;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxResponseBytes = 1024 * 1024;

    private Builder(String method, URI uri) {
      this.method = method;
      this.uri = Objects.requireNonNull(uri, "uri");
      if (!uri.isAbsolute()) {
        throw new IllegalArgumentException("uri must be absolute, but was " + uri);
      }
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be positive, but was " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
