package dev.seedream.internal;

import java.nio.charset.StandardCharsets;

/**
 * Excerpts of bodies, the escaping of server text, and the removal of the key from every text the
 * SDK shows.
 */
public final class Texts {
  private static final int EXCERPT_LENGTH = 200;
  /** The most characters of one server text put into a message. */
  static final int MAX_PRINTABLE = dev.seedream.spi.ServerText.MAX_CHARS;

  private Texts() {}

  /**
   * A short, single-line excerpt of a body for diagnosis: control characters and runs of whitespace
   * become one space, cut at 200 characters. Null for an empty body.
   */
  public static String excerpt(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length() && out.length() < EXCERPT_LENGTH; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\uFFFD') {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    if (out.length() == 0) {
      return null;
    }
    return body.length > out.length() && out.length() >= EXCERPT_LENGTH ? out + "..." : out.toString();
  }

  /** The name with every character but letters, digits, {@code .}, {@code _} and {@code -} made {@code _}: safe in a file name. */
  public static String fileSafe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The text with every occurrence of {@code secret} replaced by {@code replacement}. */
  public static String redact(String text, String secret, String replacement) {
    if (text == null || secret == null || secret.isEmpty() || !text.contains(secret)) {
      return text;
    }
    return text.replace(secret, replacement);
  }

  /**
   * A foreign failure fit to be the cause of an SDK exception: itself when no message in its chain
   * holds {@code secret}, else a stand-in with the same class name, redacted messages and the same
   * stack traces, so that printing the SDK's exception never shows the secret.
   */
  public static Throwable scrub(Throwable error, String secret, String replacement) {
    boolean holds = false;
    int depth = 0;
    for (Throwable t = error; t != null && !holds && depth++ <= 16; t = t.getCause() == t ? null : t.getCause()) {
      holds = String.valueOf(t.getMessage()).contains(secret);
    }
    return holds ? scrubbed(error, secret, replacement, 0) : error;
  }

  private static Throwable scrubbed(Throwable error, String secret, String replacement, int depth) {
    Throwable cause = error.getCause() == null || error.getCause() == error || depth > 16
        ? null : scrubbed(error.getCause(), secret, replacement, depth + 1);
    Throwable copy = new ScrubbedFailure(error.getClass().getName() + ": "
        + redact(String.valueOf(error.getMessage()), secret, replacement), cause);
    copy.setStackTrace(error.getStackTrace());
    return copy;
  }

  /** A foreign failure whose messages held the key, with them redacted. */
  private static final class ScrubbedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScrubbedFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The text as it may go into a message, a log line or a terminal; see {@link
   * dev.seedream.spi.ServerText#printable(String)}.
   */
  public static String printable(String text) {
    return dev.seedream.spi.ServerText.printable(text);
  }

  /** A duration as people write it: {@code 250ms}, {@code 1.5s}, {@code 8s}, {@code 2m30s}, {@code 1h}. */
  public static String duration(java.time.Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return millis % 1000 == 0
          ? millis / 1000 + "s"
          : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
    long seconds = duration.toSeconds();
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      out.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0) {
      out.append(seconds % 60).append('s');
    }
    return out.toString();
  }
}
