package dev.seedream.validation;

import java.util.Objects;

/**
 * One broken rule: where ({@code input.image_urls[14]}), which rule ({@link ViolationCode}), and a
 * message that says how to fix it.
 */
public final class Violation {
  private final String path;
  private final ViolationCode code;
  private final String message;

  private Violation(String path, ViolationCode code, String message) {
    this.path = path;
    this.code = code;
    this.message = message;
  }

  public static Violation of(String path, ViolationCode code, String message) {
    return new Violation(
        Objects.requireNonNull(path, "path"),
        Objects.requireNonNull(code, "code"),
        Objects.requireNonNull(message, "message"));
  }

  /** The JSON path of the offending value: {@code input.prompt}, {@code input.image_urls[3]}. */
  public String path() {
    return path;
  }

  public ViolationCode code() {
    return code;
  }

  /** What is wrong and how to fix it. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Violation)) {
      return false;
    }
    Violation that = (Violation) other;
    return path.equals(that.path) && code == that.code && message.equals(that.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, code, message);
  }

  /** {@code input.prompt [too_long]: ...}. */
  @Override
  public String toString() {
    return path + " [" + code.id() + "]: " + message;
  }
}
