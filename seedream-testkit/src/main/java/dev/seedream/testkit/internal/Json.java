package dev.seedream.testkit.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The fake's own JSON: strict parsing to plain Java values, and writing. Never the SDK's codec. */
final class Json {
  private static final Gson GSON =
      new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).disableHtmlEscaping().create();
  private static final TypeAdapter<Object> VALUES = GSON.getAdapter(Object.class);

  private Json() {}

  /**
   * The value of a strict JSON text: {@code Map} for objects, {@code List} for arrays, {@code Long}
   * or {@code Double} for numbers; empty if the text is not one well-formed JSON value.
   */
  static Optional<Object> parse(String text) {
    try {
      JsonReader reader = new JsonReader(new StringReader(text));
      reader.setStrictness(Strictness.STRICT);
      Object value = VALUES.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        return Optional.empty();
      }
      return Optional.ofNullable(value);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String write(Object value) {
    return GSON.toJson(value);
  }

  /** {@code {"error": {"message": ..., "code": ...}}}; no code when {@code code} is null. */
  static String error(String message, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    if (code != null) {
      error.put("code", code);
    }
    return write(Map.of("error", error));
  }
}
