package dev.seedream.codec.gson.internal;

/** Short, printable excerpts of what the server sent, for error messages. */
final class Excerpts {
  private static final int MAX_CHARS = 120;

  /** Gson's advice to its own users, which would mislead ours. */
  private static final String GSON_LENIENCY_HINT = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";

  private Excerpts() {}

  /** At most 120 characters of {@code text}, control characters replaced by {@code ?}. */
  static String of(String text) {
    boolean cut = text.length() > MAX_CHARS;
    String head = cut ? text.substring(0, MAX_CHARS) : text;
    StringBuilder out = new StringBuilder(head.length() + 3);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return cut ? out.append("...").toString() : out.toString();
  }

  /** Gson's message without its link to the troubleshooting guide, or the exception's class. */
  static String gsonMessage(Throwable e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int see = message.indexOf("\nSee ");
    String own = see < 0 ? message : message.substring(0, see);
    return of(own.replace(GSON_LENIENCY_HINT, "invalid JSON syntax"));
  }
}
