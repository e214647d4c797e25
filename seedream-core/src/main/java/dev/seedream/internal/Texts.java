package dev.seedream.internal;

import java.nio.charset.StandardCharsets;

/** Excerpts of bodies and the removal of the key from every text the SDK shows. */
public final class Texts {
  private static final int EXCERPT_LENGTH = 200;

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

  /** The text with every occurrence of {@code secret} replaced by {@code replacement}. */
  public static String redact(String text, String secret, String replacement) {
    if (text == null || secret == null || secret.isEmpty() || !text.contains(secret)) {
      return text;
    }
    return text.replace(secret, replacement);
  }
}
