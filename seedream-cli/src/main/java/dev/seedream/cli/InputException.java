package dev.seedream.cli;

/** Input that the command cannot use (a missing file, a bad flag combination); exit code 2. */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }

  InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
