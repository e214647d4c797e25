package dev.seedream.codec.gson.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.seedream.spi.ApiErrorBody;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads Runbase's error body {@code {"error": {"message": ..., "code": ...}}} (or, tolerantly,
 * {@code {"error": "message"}}); anything else is empty. Never throws.
 */
public final class ErrorBodyReader {
  private ErrorBodyReader() {}

  /** The error in {@code body}, or empty when the body is not the documented error JSON. */
  public static Optional<ApiErrorBody> read(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try (JsonReader reader = JsonInput.open(body)) {
      ApiErrorBody error = readBody(reader);
      return error != null && JsonInput.atEnd(reader) ? Optional.of(error) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static ApiErrorBody readBody(JsonReader reader) throws IOException {
    if (reader.peek() != JsonToken.BEGIN_OBJECT) {
      return null;
    }
    ApiErrorBody error = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals("error")) {
        error = readError(reader);
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return error;
  }

  private static ApiErrorBody readError(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.STRING) {
      return new ApiErrorBody(reader.nextString(), null);
    }
    if (token == JsonToken.BEGIN_OBJECT) {
      ErrorObject error = ErrorObject.read(reader);
      return error.isEmpty() ? null : error.toApiErrorBody();
    }
    reader.skipValue();
    return null;
  }
}
