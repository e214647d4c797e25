package dev.seedream.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.util.Map;

/** Reads JSON into plain maps and lists, and writes the command's JSON output. */
final class Json {
  private static final Gson GSON = new GsonBuilder()
      .setStrictness(Strictness.STRICT)
      .disableHtmlEscaping()
      .serializeNulls()
      .create();

  private Json() {}

  /**
   * A JSON object as a map of {@code String}, {@code Double}, {@code Boolean}, {@code null}, lists
   * and maps.
   *
   * @param what names the text in the error message, such as {@code "line 3"}
   * @throws InputException if the text is not one JSON object
   */
  static Map<?, ?> object(String text, String what) {
    Object value;
    try {
      value = GSON.fromJson(text, Object.class);
    } catch (JsonParseException e) {
      throw new InputException(what + " is not valid JSON: " + reason(e));
    }
    if (!(value instanceof Map)) {
      throw new InputException(what + " must be a JSON object {...}, but was " + (value == null ? "empty" : "another JSON value"));
    }
    return (Map<?, ?>) value;
  }

  /** The value as one line of JSON. */
  static String write(Object value) {
    return GSON.toJson(value);
  }

  private static String reason(JsonParseException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int help = message.indexOf("\nSee https://");
    return help >= 0 ? message.substring(0, help) : message;
  }
}
