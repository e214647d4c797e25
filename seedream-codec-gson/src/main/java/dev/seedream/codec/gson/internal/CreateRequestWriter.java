package dev.seedream.codec.gson.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes the create body {@code {"model": ..., "input": {...}}}. */
public final class CreateRequestWriter {
  private CreateRequestWriter() {}

  /**
   * The body as UTF-8 bytes, {@code input} in the map's order, {@code null} values left out.
   *
   * @throws IllegalArgumentException naming the key of a value that cannot be written
   */
  public static byte[] write(String model, Map<String, ?> input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonWriter json = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
      json.setHtmlSafe(false);
      json.setStrictness(Strictness.STRICT);
      json.setSerializeNulls(false);
      json.beginObject();
      json.name("model").value(model);
      json.name("input").beginObject();
      for (Map.Entry<String, ?> entry : input.entrySet()) {
        String key = entry.getKey();
        if (key == null) {
          throw new IllegalArgumentException("input holds a null key: every key must be a wire name");
        }
        if (entry.getValue() != null) {
          json.name(key);
          writeValue(json, entry.getValue(), key, true);
        }
      }
      json.endObject();
      json.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static void writeValue(JsonWriter json, Object value, String path, boolean listAllowed)
      throws IOException {
    if (value instanceof String) {
      json.value((String) value);
    } else if (value instanceof Boolean) {
      json.value((Boolean) value);
    } else if (value instanceof Number) {
      writeNumber(json, (Number) value, path);
    } else if (value instanceof List && listAllowed) {
      List<?> list = (List<?>) value;
      json.beginArray();
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        String elementPath = path + "[" + i + "]";
        if (element == null) {
          throw new IllegalArgumentException("input." + elementPath + " is null: lists may not hold null");
        }
        writeValue(json, element, elementPath, false);
      }
      json.endArray();
    } else {
      throw new IllegalArgumentException(
          "input."
              + path
              + " is a "
              + (value == null ? "null" : value.getClass().getName())
              + ": values must be String, Number, Boolean"
              + (listAllowed ? " or a List of those" : "")
              + " (a List may not hold a List)");
    }
  }

  private static void writeNumber(JsonWriter json, Number number, String path) throws IOException {
    try {
      json.value(number);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "input." + path + " is " + number + ", which JSON cannot hold: use a finite number", e);
    }
  }
}
