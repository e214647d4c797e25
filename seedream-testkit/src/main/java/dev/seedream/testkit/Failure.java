package dev.seedream.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an injected failure answers instead of the fake's normal response.
 *
 * <p>Immutable; build one with a static factory and inject it with {@link
 * FakeRunbase#injectNext(Endpoint, int, Failure)}, {@link FakeRunbase#injectAfter(Endpoint, int, int,
 * Failure)} or {@link FakeRunbase#injectWithProbability(Endpoint, double, Failure)}:
 *
 * <pre>{@code
 * fake.injectNext(Endpoint.CREATE, 2, Failure.serverError(503).withRetryAfter(Duration.ofSeconds(1)));
 * fake.injectNext(Endpoint.GET, 1, Failure.fault(NetworkFault.CONNECTION_RESET_BY_PEER));
 * fake.injectNext(Endpoint.CREATE, 1, Failure.fault(NetworkFault.EMPTY_RESPONSE).afterHandling());
 * fake.injectNext(Endpoint.GET, 1, Failure.answer(200).withContentType("text/html").withBody("<html>hi</html>"));
 * fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(302).withHeader("Location", "ftp://cdn.example/a.png"));
 * }</pre>
 *
 * <p>By default the fake does not handle a request that meets a failure (no run is created, no poll
 * is counted, the rate limit does not see it); {@link #afterHandling()} makes it handle the request
 * first and then lose the answer, as when a connection breaks after the server did its work, or
 * replace it with the failure's answer. A {@link #delay(Duration)} always delays the normal, handled
 * answer.
 */
public final class Failure {
  /** The kinds of failure. */
  public enum Kind {
    /** A documented Runbase error: its status and JSON error body. */
    API_ERROR,
    /** A 5xx answer with a JSON error body without a code. */
    SERVER_ERROR,
    /** An HTML page, as a proxy or load balancer would send. */
    HTML_PAGE,
    /** The normal answer, late. */
    DELAY,
    /** A broken connection instead of an answer. */
    NETWORK_FAULT,
    /** Exactly the status, headers and body given ({@link Failure#answer(int)}). */
    ANSWER
  }

  private static final byte[] NO_BODY = new byte[0];

  private final Kind kind;
  private final int status;
  private final RunbaseError error;
  private final String message;
  private final String retryAfter;
  private final Duration delay;
  private final NetworkFault fault;
  private final boolean afterHandling;
  private final byte[] body;
  private final String contentType;
  private final List<Map.Entry<String, String>> headers;
  private final boolean chunked;
  private final long declaredLength;

  private Failure(Parts p) {
    this.kind = p.kind;
    this.status = p.status;
    this.error = p.error;
    this.message = p.message;
    this.retryAfter = p.retryAfter;
    this.delay = p.delay;
    this.fault = p.fault;
    this.afterHandling = p.afterHandling;
    this.body = p.body;
    this.contentType = p.contentType;
    this.headers = List.copyOf(p.headers);
    this.chunked = p.chunked;
    this.declaredLength = p.declaredLength;
  }

  /** A documented error with its default message. */
  public static Failure error(RunbaseError error) {
    Objects.requireNonNull(error, "error");
    return error(error, error.message());
  }

  /** A documented error with the given message. */
  public static Failure error(RunbaseError error, String message) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
    Parts p = new Parts(Kind.API_ERROR, error.status());
    p.error = error;
    p.message = message;
    return new Failure(p);
  }

  /**
   * A server error with the JSON body {@code {"error": {"message": "..."}}} (no code: Runbase
   * documents none for 5xx).
   *
   * @param status 500 to 599, typically 500, 502 or 503
   */
  public static Failure serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("a server error has a status from 500 to 599, but was " + status);
    }
    Parts p = new Parts(Kind.SERVER_ERROR, status);
    p.message = "Internal server error (injected)";
    return new Failure(p);
  }

  /**
   * An HTML page with the given status, as a proxy in front of Runbase would send (a 200 page too,
   * as a captive portal or a misrouted request would get).
   *
   * @param status 200 to 599
   */
  public static Failure htmlPage(int status) {
    checkAnswerStatus(status, "an HTML page");
    return new Failure(new Parts(Kind.HTML_PAGE, status));
  }

  /**
   * A raw answer: exactly this status, then the headers and body set with {@link
   * #withContentType(String)}, {@link #withHeader(String, String)} and {@link #withBody(byte[])}
   * (none by default), sent with a {@code Content-Length} of the body unless {@link #chunked()} or
   * {@link #withDeclaredContentLength(long)} says otherwise. WireMock adds its own {@code
   * Matched-Stub-Id} header to every answer.
   *
   * <pre>{@code
   * Failure.answer(200).withContentType("application/json").withBody("{\"id\":\"run_other\",\"status\":\"pending\"}")
   * Failure.answer(404).withContentType("text/plain").withBody("no such thing")
   * Failure.answer(200).withContentType("image/png").withBody(Bodies.pngLike(2_000_000)).chunked()
   * }</pre>
   *
   * @param status 200 to 599, 2xx and 3xx included (a 3xx does not follow by itself: add {@code Location})
   */
  public static Failure answer(int status) {
    checkAnswerStatus(status, "a raw answer");
    return new Failure(new Parts(Kind.ANSWER, status));
  }

  /** The normal answer, sent after the given delay (without holding a server thread). */
  public static Failure delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay must be between 0 and 24 days, but was " + delay);
    }
    Parts p = new Parts(Kind.DELAY, 0);
    p.delay = delay;
    p.afterHandling = true;
    return new Failure(p);
  }

  /** A broken connection instead of an answer. */
  public static Failure fault(NetworkFault fault) {
    Objects.requireNonNull(fault, "fault");
    Parts p = new Parts(Kind.NETWORK_FAULT, 0);
    p.fault = fault;
    return new Failure(p);
  }

  /** This failure with a {@code Retry-After} header of whole seconds. */
  public Failure withRetryAfter(Duration after) {
    Objects.requireNonNull(after, "after");
    if (after.isNegative()) {
      throw new IllegalArgumentException("Retry-After must not be negative, but was " + after);
    }
    return withRetryAfter(Long.toString(after.toSeconds()));
  }

  /** This failure with a {@code Retry-After} header holding the value as given (seconds or an HTTP date). */
  public Failure withRetryAfter(String value) {
    Objects.requireNonNull(value, "value");
    if (kind == Kind.DELAY || kind == Kind.NETWORK_FAULT) {
      throw new IllegalStateException("a " + kind + " sends no headers: Retry-After applies to error answers");
    }
    checkHeaderValue("Retry-After", value);
    Parts p = parts();
    p.retryAfter = value;
    return new Failure(p);
  }

  /** This failure, answered after the fake has handled the request (the work is done, the answer lost or replaced). */
  public Failure afterHandling() {
    Parts p = parts();
    p.afterHandling = true;
    return new Failure(p);
  }

  /** This raw answer with the body, as given. */
  public Failure withBody(byte[] body) {
    Objects.requireNonNull(body, "body");
    Parts p = answerParts("withBody");
    if (body.length > 0 && (status == 204 || status == 304)) {
      throw new IllegalArgumentException("HTTP sends no body with " + status + " (Jetty would drop it): use another status for a body");
    }
    p.body = body.clone();
    return new Failure(p);
  }

  /** This raw answer with the text as its body, in UTF-8. */
  public Failure withBody(String body) {
    Objects.requireNonNull(body, "body");
    return withBody(body.getBytes(StandardCharsets.UTF_8));
  }

  /** This raw answer with the {@code Content-Type} header, as given (it replaces an earlier one). */
  public Failure withContentType(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    checkHeaderValue("Content-Type", contentType);
    Parts p = answerParts("withContentType");
    p.contentType = contentType;
    return new Failure(p);
  }

  /**
   * This raw answer with one more header, as given; repeat a name to send it several times. Control
   * characters other than CR and LF are sent as they are.
   */
  public Failure withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || !name.chars().allMatch(Failure::isTokenChar)) {
      throw new IllegalArgumentException("a header name must be a non-empty HTTP token such as X-Request-Id, but was '" + name + "'");
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "content-type":
        throw new IllegalArgumentException("set Content-Type with withContentType(..)");
      case "content-length":
        throw new IllegalArgumentException("set a Content-Length other than the body's with withDeclaredContentLength(..)");
      case "transfer-encoding":
        throw new IllegalArgumentException("send a chunked body with chunked()");
      default:
        break;
    }
    checkHeaderValue(name, value);
    Parts p = answerParts("withHeader");
    p.headers.add(Map.entry(name, value));
    return new Failure(p);
  }

  /**
   * This raw answer sent with {@code Transfer-Encoding: chunked} and no {@code Content-Length}, so that
   * a client cannot know the size before it has read the body (a client that asks for {@code
   * Connection: close} gets the body delimited by the end of the connection instead, also without a
   * length).
   */
  public Failure chunked() {
    Parts p = answerParts("chunked");
    if (declaredLength >= 0) {
      throw new IllegalStateException("a chunked answer has no Content-Length: drop withDeclaredContentLength(..) or chunked()");
    }
    p.chunked = true;
    return new Failure(p);
  }

  /**
   * This raw answer with a {@code Content-Length} header of {@code length} whatever the body is. Jetty
   * sends the whole body either way: with a length above the body's size, it then closes the
   * connection, so that a client meets an early end of the body; with a length below it, the client
   * reads {@code length} bytes and the rest of the body stays on the connection (a client that reuses
   * it reads them as the start of the next answer).
   */
  public Failure withDeclaredContentLength(long length) {
    Parts p = answerParts("withDeclaredContentLength");
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, but was " + length);
    }
    if (chunked) {
      throw new IllegalStateException("a chunked answer has no Content-Length: drop withDeclaredContentLength(..) or chunked()");
    }
    p.declaredLength = length;
    return new Failure(p);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status answered; 0 for a delay or a network fault. */
  public int status() {
    return status;
  }

  /** The documented error, for {@link Kind#API_ERROR}. */
  public Optional<RunbaseError> error() {
    return Optional.ofNullable(error);
  }

  /** The message of an error body; empty for the other kinds. */
  public String message() {
    return message;
  }

  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The delay, for {@link Kind#DELAY}; zero otherwise. */
  public Duration delay() {
    return delay;
  }

  public Optional<NetworkFault> networkFault() {
    return Optional.ofNullable(fault);
  }

  /** Whether the fake handles the request before answering with this failure. */
  public boolean isAfterHandling() {
    return afterHandling;
  }

  /** A copy of the body of a raw answer; empty for the other kinds. */
  public byte[] body() {
    return body.clone();
  }

  /** The {@code Content-Type} of a raw answer, if it has one. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The headers of a raw answer added with {@link #withHeader(String, String)}, in order. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** Whether a raw answer is sent chunked, without {@code Content-Length}. */
  public boolean isChunked() {
    return chunked;
  }

  /** The {@code Content-Length} a raw answer declares, if it was set apart from its body. */
  public OptionalLong declaredContentLength() {
    return declaredLength < 0 ? OptionalLong.empty() : OptionalLong.of(declaredLength);
  }

  @Override
  public String toString() {
    String after = afterHandling ? ", after handling" : "";
    switch (kind) {
      case API_ERROR:
        return "Failure[" + status + " " + error.code() + after + "]";
      case DELAY:
        return "Failure[delay " + delay + "]";
      case NETWORK_FAULT:
        return "Failure[" + fault + after + "]";
      case ANSWER:
        return "Failure[ANSWER " + status
            + (contentType == null ? "" : " " + contentType)
            + ", " + body.length + " bytes"
            + (chunked ? ", chunked" : "")
            + (declaredLength < 0 ? "" : ", Content-Length " + declaredLength)
            + (headers.isEmpty() ? "" : ", " + headers.size() + " header(s)")
            + (retryAfter == null ? "" : ", Retry-After " + retryAfter)
            + after + "]";
      default:
        return "Failure[" + kind + " " + status + (retryAfter == null ? "" : ", Retry-After " + retryAfter) + after + "]";
    }
  }

  private Parts parts() {
    Parts p = new Parts(kind, status);
    p.error = error;
    p.message = message;
    p.retryAfter = retryAfter;
    p.delay = delay;
    p.fault = fault;
    p.afterHandling = afterHandling;
    p.body = body;
    p.contentType = contentType;
    p.headers.addAll(headers);
    p.chunked = chunked;
    p.declaredLength = declaredLength;
    return p;
  }

  private Parts answerParts(String method) {
    if (kind != Kind.ANSWER) {
      throw new IllegalStateException(method + "(..) applies to Failure.answer(status), not to a " + kind);
    }
    return parts();
  }

  private static void checkAnswerStatus(int status, String what) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException(what + " has a status from 200 to 599, but was " + status);
    }
  }

  private static void checkHeaderValue(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("the value of " + name + " must not hold CR or LF: HTTP cannot send it");
    }
  }

  private static boolean isTokenChar(int c) {
    return c > ' ' && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }

  /** The fields of a failure while one is made. */
  private static final class Parts {
    final Kind kind;
    final int status;
    RunbaseError error;
    String message = "";
    String retryAfter;
    Duration delay = Duration.ZERO;
    NetworkFault fault;
    boolean afterHandling;
    byte[] body = NO_BODY;
    String contentType;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    boolean chunked;
    long declaredLength = -1;

    Parts(Kind kind, int status) {
      this.kind = kind;
      this.status = status;
    }
  }
}
