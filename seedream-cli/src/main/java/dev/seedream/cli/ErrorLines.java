package dev.seedream.cli;

import dev.seedream.SeedreamException;
import dev.seedream.internal.Texts;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.ParameterException;

/**
 * How an error reaches standard error: {@code error: } and its message, every line of it made
 * printable, so that no text a server sent can drive the terminal. The key is never in it: no
 * message of the SDK holds it.
 */
final class ErrorLines {
  private ErrorLines() {}

  /** Prints the error; its message may span lines (a validation error lists its violations). */
  static void print(PrintWriter err, Throwable error) {
    print(err, "error: ", message(error));
  }

  /** Prints {@code text} after {@code prefix}, every line of it made printable. */
  static void print(PrintWriter err, String prefix, String text) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      err.println((i == 0 ? prefix : "") + Texts.printable(lines[i]));
    }
    err.flush();
  }

  /** The message as the user should read it: the exception's own for the errors the command knows. */
  static String message(Throwable error) {
    boolean known = error instanceof SeedreamException || error instanceof InputException || error instanceof ParameterException
        || error instanceof UncheckedIOException;
    String message = error.getMessage() == null ? "" : error.getMessage();
    return known ? message : error.getClass().getSimpleName() + ": " + message;
  }
}
