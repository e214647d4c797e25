package dev.seedream;

import java.util.Optional;

/**
 * The base of every error the SDK throws. Unchecked.
 *
 * <p>Subclasses tell apart what went wrong: an answer of the API ({@link ApiException} and its
 * subclasses, one per documented status and code), a run that ended {@code failed} ({@link
 * RunFailedException}), a deadline passed while waiting ({@link DeadlineExceededException}), a
 * network failure ({@link TransportException}), an answer the SDK cannot read ({@link
 * MalformedResponseException}), invalid input ({@link dev.seedream.validation.ValidationException})
 * and a client that cannot be built ({@link ConfigurationException}). No message, {@code toString()}
 * or field of any of them holds the API key.
 */
public class SeedreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RunId runId;

  public SeedreamException(String message) {
    this(message, null, null);
  }

  public SeedreamException(String message, Throwable cause) {
    this(message, null, cause);
  }

  public SeedreamException(String message, RunId runId, Throwable cause) {
    super(message, cause);
    this.runId = runId;
  }

  /** The run this error is about, where there is one. */
  public Optional<RunId> runId() {
    return Optional.ofNullable(runId);
  }
}
