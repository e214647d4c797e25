package dev.seedream.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP answer as a transport hands it back: status, headers, and the body held in memory
 * (empty when the body was streamed to a sink).
 */
public final class HttpResponse {
  private static final byte[] NO_BODY = new byte[0];

  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * An answer. Header names are matched without regard to case.
   *
   * @param body the body; the array is kept, not copied
   */
  public static HttpResponse of(int status, Map<String, List<String>> headers, byte[] body) {
    Objects.requireNonNull(headers, "headers");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
      var all = new java.util.ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(all);
    }));
    return new HttpResponse(status, Collections.unmodifiableMap(copy), body == null ? NO_BODY : body);
  }

  public int status() {
    return status;
  }

  /** Every header, by name, matched without regard to case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body held in memory. The array is shared: do not modify it. */
  public byte[] body() {
    return body;
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return "HttpResponse{status=" + status + ", bodyBytes=" + body.length + "}";
  }
}
