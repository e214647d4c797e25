package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server said went wrong with a failed run.
 *
 * <p>Runbase sends either an object {@code {"message", "code"}} or a plain string; a plain string
 * becomes a message without a code.
 */
public final class RunError {
  private final String message;
  private final String code;

  private RunError(String message, String code) {
    this.message = message;
    this.code = code;
  }

  /** An error with a message and an optional code ({@code null} for none). */
  public static RunError of(String message, String code) {
    return new RunError(Objects.requireNonNull(message, "message"), code);
  }

  /** The server's human-readable message, as it came ({@link #toString()} escapes it). */
  public String message() {
    return message;
  }

  /** The server's error code, if it sent one. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RunError)) {
      return false;
    }
    RunError that = (RunError) other;
    return message.equals(that.message) && Objects.equals(code, that.code);
  }

  @Override
  public int hashCode() {
    return Objects.hash(message, code);
  }

  /** The code and message, escaped: control characters of the server's text cannot reach a terminal. */
  @Override
  public String toString() {
    return code == null ? Texts.printable(message) : Texts.printable(code) + ": " + Texts.printable(message);
  }
}
