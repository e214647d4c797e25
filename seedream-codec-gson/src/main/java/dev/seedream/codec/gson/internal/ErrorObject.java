package dev.seedream.codec.gson.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.seedream.RunError;
import dev.seedream.spi.ApiErrorBody;
import java.io.IOException;

/** The object {@code {"message": ..., "code": ...}}, with other fields skipped. */
final class ErrorObject {
  private static final String NO_MESSAGE = "(the server gave no message)";

  final String message;
  final String code;

  private ErrorObject(String message, String code) {
    this.message = message;
    this.code = code;
  }

  /** Reads the object at the reader's position; a message or code that is not a string is dropped. */
  static ErrorObject read(JsonReader reader) throws IOException {
    String message = null;
    String code = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (name.equals("message")) {
        message = scalar(reader);
      } else if (name.equals("code")) {
        code = scalar(reader);
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return new ErrorObject(message, code);
  }

  /** A string, or a number as written; {@code null} for anything else. */
  private static String scalar(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.STRING || token == JsonToken.NUMBER) {
      return reader.nextString();
    }
    reader.skipValue();
    return null;
  }

  boolean isEmpty() {
    return message == null && code == null;
  }

  RunError toRunError() {
    return RunError.of(message == null ? NO_MESSAGE : message, code);
  }

  ApiErrorBody toApiErrorBody() {
    return new ApiErrorBody(message, code);
  }
}
