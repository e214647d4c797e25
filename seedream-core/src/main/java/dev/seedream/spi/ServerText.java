package dev.seedream.spi;

/**
 * Escapes text that a server sent before it goes into a message: for adapter authors, whose
 * exception messages may quote what a server answered (a status line, a header, a body).
 *
 * <pre>{@code
 * throw new TransportException(Reason.IO, true, "bad answer: " + ServerText.printable(e.getMessage()), e);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ServerText {
  /** The most characters of one server text put into a message. */
  public static final int MAX_CHARS = 1000;

  private ServerText() {}

  /**
   * The text as it may go into a message, a log line or a terminal: control characters (C0, DEL,
   * C1), invisible format characters (bidirectional overrides, zero-width characters), line and
   * paragraph separators and lone surrogates become escapes such as <code>&#92;u001B</code> (<code>&#92;n</code>,
   * <code>&#92;r</code> and <code>&#92;t</code> for those three), so that a server cannot move the cursor, clear
   * the screen, set a window title or forge a log line. At most {@value #MAX_CHARS}
   * characters are kept, then {@code ...}. Null stays null.
   */
  public static String printable(String text) {
    if (text == null) {
      return null;
    }
    int end = Math.min(text.length(), MAX_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean escape = needsEscape(text, i, c);
      if (escape && out == null) {
        out = new StringBuilder(end + 16).append(text, 0, i);
      }
      if (out != null) {
        if (!escape) {
          out.append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else if (c == '\t') {
          out.append("\\t");
        } else {
          out.append(String.format("\\u%04X", (int) c));
        }
      }
    }
    String shown = out == null ? text.substring(0, end) : out.toString();
    return end < text.length() ? shown + "..." : shown;
  }

  private static boolean needsEscape(String text, int i, char c) {
    if (Character.isISOControl(c)) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }
}
