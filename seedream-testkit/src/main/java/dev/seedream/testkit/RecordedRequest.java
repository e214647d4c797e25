package dev.seedream.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request that reached the fake, as the journal keeps it. Immutable; {@link #toString()} never
 * shows the API key.
 */
public final class RecordedRequest {
  private final long sequence;
  private final Instant at;
  private final Endpoint endpoint;
  private final String method;
  private final String path;
  private final boolean authorization;
  private final String apiKey;
  private final String runId;
  private final int status;
  private final String errorCode;
  private final Failure injected;

  private RecordedRequest(Builder b) {
    this.sequence = b.sequence;
    this.at = Objects.requireNonNull(b.at, "at");
    this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
    this.method = Objects.requireNonNull(b.method, "method");
    this.path = Objects.requireNonNull(b.path, "path");
    this.authorization = b.authorization;
    this.apiKey = b.apiKey;
    this.runId = b.runId;
    this.status = b.status;
    this.errorCode = b.errorCode;
    this.injected = b.injected;
  }

  /** A builder; the fake fills it in, tests rarely need it. */
  public static Builder builder() {
    return new Builder();
  }

  /** The order in which the fake saw the request, from 1. */
  public long sequence() {
    return sequence;
  }

  public Instant at() {
    return at;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public String method() {
    return method;
  }

  /** The path and query as sent. */
  public String path() {
    return path;
  }

  /** Whether the request carried an {@code Authorization} header, whatever its value. */
  public boolean hadAuthorization() {
    return authorization;
  }

  /** The bearer key the request carried, if any. */
  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  /** The run the request created or read, if any. */
  public Optional<String> runId() {
    return Optional.ofNullable(runId);
  }

  /** The HTTP status answered; 0 when a network fault answered. */
  public int status() {
    return status;
  }

  /** The {@code error.code} answered, if the answer was a documented error. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The injected failure that answered, if one did. */
  public Optional<Failure> injected() {
    return Optional.ofNullable(injected);
  }

  @Override
  public String toString() {
    return "#" + sequence + " " + method + " " + path + " -> " + (status == 0 ? "fault" : status)
        + (errorCode == null ? "" : " " + errorCode)
        + (authorization ? (apiKey == null ? " [authorization, no bearer key]" : " [key " + redact(apiKey) + "]") : " [no authorization]")
        + (injected == null ? "" : " injected " + injected);
  }

  private static String redact(String key) {
    return key.length() >= 12 ? "sk-..." + key.substring(key.length() - 4) : "sk-...";
  }

  /** Fills in a {@link RecordedRequest}. */
  public static final class Builder {
    private long sequence;
    private Instant at;
    private Endpoint endpoint;
    private String method;
    private String path;
    private boolean authorization;
    private String apiKey;
    private String runId;
    private int status;
    private String errorCode;
    private Failure injected;

    private Builder() {}

    public Builder sequence(long sequence) {
      this.sequence = sequence;
      return this;
    }

    public Builder at(Instant at) {
      this.at = at;
      return this;
    }

    public Builder endpoint(Endpoint endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder method(String method) {
      this.method = method;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder authorization(boolean authorization) {
      this.authorization = authorization;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder injected(Failure injected) {
      this.injected = injected;
      return this;
    }

    public RecordedRequest build() {
      return new RecordedRequest(this);
    }
  }
}
