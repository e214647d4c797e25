package dev.seedream;

/**
 * The server answered something the SDK cannot read: JSON that does not parse or lacks a required
 * field, a body larger than the configured bound, or an unexpected redirect.
 */
public class MalformedResponseException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message) {
    super(message);
  }

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
