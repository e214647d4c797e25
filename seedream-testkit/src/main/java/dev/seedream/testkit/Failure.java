package dev.seedream.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an injected failure answers instead of the fake's normal response.
 *
 * <p>Immutable; build one with a static factory and inject it with {@link
 * FakeRunbase#injectNext(Endpoint, int, Failure)} or {@link FakeRunbase#injectWithProbability(Endpoint,
 * double, Failure)}:
 *
 * <pre>{@code
 * fake.injectNext(Endpoint.CREATE, 2, Failure.serverError(503).withRetryAfter(Duration.ofSeconds(1)));
 * fake.injectNext(Endpoint.GET, 1, Failure.fault(NetworkFault.CONNECTION_RESET_BY_PEER));
 * fake.injectNext(Endpoint.CREATE, 1, Failure.fault(NetworkFault.EMPTY_RESPONSE).afterHandling());
 * }</pre>
 *
 * <p>By default the fake does not handle a request that meets a failure (no run is created, no poll
 * is counted, the rate limit does not see it); {@link #afterHandling()} makes it handle the request
 * first and then lose the answer, as when a connection breaks after the server did its work. A
 * {@link #delay(Duration)} always delays the normal, handled answer.
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
    NETWORK_FAULT
  }

  private final Kind kind;
  private final int status;
  private final RunbaseError error;
  private final String message;
  private final String retryAfter;
  private final Duration delay;
  private final NetworkFault fault;
  private final boolean afterHandling;

  private Failure(
      Kind kind,
      int status,
      RunbaseError error,
      String message,
      String retryAfter,
      Duration delay,
      NetworkFault fault,
      boolean afterHandling) {
    this.kind = kind;
    this.status = status;
    this.error = error;
    this.message = message;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.fault = fault;
    this.afterHandling = afterHandling;
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
    return new Failure(Kind.API_ERROR, error.status(), error, message, null, Duration.ZERO, null, false);
  }

  /**
   * A server error with the JSON body {@code {"error": {"message": "..."}}} (no code: Runbase
   * documents none for 5xx).
   *
   * @param status 500 to 599, typically 500, 502 or 503
   */
  public static Failure serverError(int status) {
    checkServerStatus(status);
    return new Failure(
        Kind.SERVER_ERROR, status, null, "Internal server error (injected)", null, Duration.ZERO, null, false);
  }

  /** An HTML error page with the given status, as a proxy in front of Runbase would send. */
  public static Failure htmlPage(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be between 400 and 599, but was " + status);
    }
    return new Failure(Kind.HTML_PAGE, status, null, "", null, Duration.ZERO, null, false);
  }

  /** The normal answer, sent after the given delay (without holding a server thread). */
  public static Failure delay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay must be between 0 and 24 days, but was " + delay);
    }
    return new Failure(Kind.DELAY, 0, null, "", null, delay, null, true);
  }

  /** A broken connection instead of an answer. */
  public static Failure fault(NetworkFault fault) {
    Objects.requireNonNull(fault, "fault");
    return new Failure(Kind.NETWORK_FAULT, 0, null, "", null, Duration.ZERO, fault, false);
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
    return new Failure(kind, status, error, message, value, delay, fault, afterHandling);
  }

  /** This failure, answered after the fake has handled the request (the work is done, the answer lost). */
  public Failure afterHandling() {
    return new Failure(kind, status, error, message, retryAfter, delay, fault, true);
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

  private static void checkServerStatus(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("a server error has a status from 500 to 599, but was " + status);
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case API_ERROR:
        return "Failure[" + status + " " + error.code() + (afterHandling ? ", after handling" : "") + "]";
      case DELAY:
        return "Failure[delay " + delay + "]";
      case NETWORK_FAULT:
        return "Failure[" + fault + (afterHandling ? ", after handling" : "") + "]";
      default:
        return "Failure[" + kind + " " + status + (retryAfter == null ? "" : ", Retry-After " + retryAfter)
            + (afterHandling ? ", after handling" : "") + "]";
    }
  }
}
