package dev.seedream.codec.gson.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Opens answer bodies for reading, with the limits every reader shares. */
final class JsonInput {
  /**
   * The deepest nesting read, unknown fields included. The reader keeps its own stack (nothing here
   * recurses), so deeper junk is rejected as malformed, never a {@link StackOverflowError}.
   */
  static final int NESTING_LIMIT = 255;

  private JsonInput() {}

  /** A strict reader over a UTF-8 body. */
  static JsonReader open(byte[] body) {
    JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(NESTING_LIMIT);
    return reader;
  }

  /** Whether the document ends after the value just read. */
  static boolean atEnd(JsonReader reader) {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
