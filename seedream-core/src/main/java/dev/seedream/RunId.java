package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Objects;

/**
 * The id Runbase gives a run when it is created.
 *
 * <p>Ids are opaque: the SDK only checks that one is non-blank and safe to put in a URL path.
 */
public final class RunId {
  private final String value;

  private RunId(String value) {
    this.value = value;
  }

  /**
   * The id for a string as the server sent it.
   *
   * @throws IllegalArgumentException if it is blank or holds characters that cannot stand in a URL
   *     path segment ({@code /}, {@code ?}, {@code #}, whitespace or control characters), or is
   *     {@code .} or {@code ..}
   */
  public static RunId of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("run id must not be blank");
    }
    boolean dots = value.equals(".") || value.equals("..");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (dots || c <= ' ' || c == '/' || c == '?' || c == '#' || c == '%' || c == '\\' || c == 0x7f) {
        throw new IllegalArgumentException(
            "run id must be a single URL path segment, but was '" + printable(value) + "'");
      }
    }
    return new RunId(value);
  }

  private static String printable(String value) {
    String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      out.append(c < ' ' || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }

  /** The id as the server sent it. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunId && ((RunId) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The id, escaped: it is server text, whose invisible or control characters must not reach a terminal. */
  @Override
  public String toString() {
    return Texts.printable(value);
  }
}
