package dev.seedream;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run as the server last described it: id, status, output URLs once succeeded, error once
 * failed, and the optional fields the server sent that the SDK knows.
 *
 * <p>Immutable. Fields the server may leave out are {@link Optional}; unknown fields of the answer
 * are ignored by the codec.
 */
public final class Run {
  private final RunId id;
  private final RunStatus status;
  private final List<URI> outputUrls;
  private final RunError error;
  private final String model;
  private final Instant createdAt;
  private final Instant startedAt;
  private final Instant completedAt;

  private Run(Builder builder) {
    this.id = Objects.requireNonNull(builder.id, "id");
    this.status = Objects.requireNonNull(builder.status, "status");
    this.outputUrls = List.copyOf(builder.outputUrls);
    this.error = builder.error;
    this.model = builder.model;
    this.createdAt = builder.createdAt;
    this.startedAt = builder.startedAt;
    this.completedAt = builder.completedAt;
  }

  /** A builder for a run; {@code id} and {@code status} are required. Used by codecs and tests. */
  public static Builder builder(RunId id, RunStatus status) {
    return new Builder(id, status);
  }

  /** A builder that starts from this run. */
  public Builder toBuilder() {
    Builder builder = new Builder(id, status);
    builder.outputUrls.addAll(outputUrls);
    builder.error = error;
    builder.model = model;
    builder.createdAt = createdAt;
    builder.startedAt = startedAt;
    builder.completedAt = completedAt;
    return builder;
  }

  public RunId id() {
    return id;
  }

  public RunStatus status() {
    return status;
  }

  /** The generated images; empty until the run has succeeded. */
  public List<URI> outputUrls() {
    return outputUrls;
  }

  /** Why the run failed, once it has. */
  public Optional<RunError> error() {
    return Optional.ofNullable(error);
  }

  /** The model that ran, if the server said. */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  public Optional<Instant> completedAt() {
    return Optional.ofNullable(completedAt);
  }

  /** Whether the run has finished, successfully or not. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Run)) {
      return false;
    }
    Run that = (Run) other;
    return id.equals(that.id)
        && status.equals(that.status)
        && outputUrls.equals(that.outputUrls)
        && Objects.equals(error, that.error)
        && Objects.equals(model, that.model)
        && Objects.equals(createdAt, that.createdAt)
        && Objects.equals(startedAt, that.startedAt)
        && Objects.equals(completedAt, that.completedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, outputUrls, error, model, createdAt, startedAt, completedAt);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Run{id=").append(id).append(", status=").append(status);
    if (!outputUrls.isEmpty()) {
      out.append(", outputUrls=").append(outputUrls);
    }
    if (error != null) {
      out.append(", error=").append(error);
    }
    return out.append('}').toString();
  }

  /** Builds a {@link Run}. */
  public static final class Builder {
    private final RunId id;
    private final RunStatus status;
    private final List<URI> outputUrls = new ArrayList<>();
    private RunError error;
    private String model;
    private Instant createdAt;
    private Instant startedAt;
    private Instant completedAt;

    private Builder(RunId id, RunStatus status) {
      this.id = Objects.requireNonNull(id, "id");
      this.status = Objects.requireNonNull(status, "status");
    }

    public Builder outputUrls(List<URI> urls) {
      Objects.requireNonNull(urls, "urls");
      outputUrls.clear();
      for (URI url : urls) {
        outputUrls.add(Objects.requireNonNull(url, "urls[" + outputUrls.size() + "]"));
      }
      return this;
    }

    public Builder error(RunError error) {
      this.error = error;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder completedAt(Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    public Run build() {
      return new Run(this);
    }
  }
}
