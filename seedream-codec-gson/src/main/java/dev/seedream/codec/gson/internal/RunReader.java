package dev.seedream.codec.gson.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.RunError;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a run, tolerant of what the documentation leaves open and strict about the rest.
 *
 * <p>Unknown fields are skipped at any depth; {@code id} and {@code status} are required strings;
 * {@code output} is absent, {@code null} or {@code {"urls": [...]}} of absolute http(s) URLs;
 * {@code error} is absent, {@code null}, a string or {@code {"message", "code"}}; {@code model} is
 * read if it is a string; timestamps are read if they can be, and ignored otherwise. The members
 * read are those of {@link RunFields}.
 */
public final class RunReader {
  /** How every message about a body that is not a run begins. */
  static final String WHAT = "the answer is not a run";

  private RunReader() {}

  /**
   * The run in {@code body}.
   *
   * @throws MalformedResponseException naming what was wrong; never any other exception
   */
  public static Run read(byte[] body) {
    if (body.length == 0) {
      throw new MalformedResponseException(WHAT + ": the body is empty, expected a JSON object with \"id\" and \"status\"");
    }
    try (JsonReader reader = JsonInput.open(body)) {
      Run run = readRun(reader);
      if (!JsonInput.atEnd(reader)) {
        throw new MalformedResponseException(WHAT + ": there is more content after the run object");
      }
      return run;
    } catch (MalformedResponseException e) {
      throw e;
    } catch (EOFException e) {
      throw new MalformedResponseException(WHAT + ": the JSON ends early (truncated): " + Excerpts.gsonMessage(e), e);
    } catch (IOException | RuntimeException e) {
      throw new MalformedResponseException(WHAT + ": the JSON is malformed: " + Excerpts.gsonMessage(e), e);
    }
  }

  private static Run readRun(JsonReader reader) throws IOException {
    JsonToken first = reader.peek();
    if (first != JsonToken.BEGIN_OBJECT) {
      throw new MalformedResponseException(WHAT + ": expected a JSON object, but the body holds " + describe(first));
    }
    String id = null;
    String status = null;
    List<URI> outputUrls = List.of();
    RunError error = null;
    String model = null;
    Instant createdAt = null;
    Instant startedAt = null;
    Instant completedAt = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      switch (name) {
        case RunFields.ID:
          id = requiredString(reader, "id");
          break;
        case RunFields.STATUS:
          status = requiredString(reader, "status");
          break;
        case RunFields.OUTPUT:
          outputUrls = readOutput(reader);
          break;
        case RunFields.ERROR:
          error = readError(reader);
          break;
        case RunFields.MODEL:
          model = reader.peek() == JsonToken.STRING ? reader.nextString() : skip(reader);
          break;
        case RunFields.CREATED_AT:
          createdAt = Timestamps.read(reader);
          break;
        case RunFields.STARTED_AT:
          startedAt = Timestamps.read(reader);
          break;
        case RunFields.COMPLETED_AT:
          completedAt = Timestamps.read(reader);
          break;
        default:
          reader.skipValue();
      }
    }
    reader.endObject();
    return build(id, status, outputUrls, error, model, createdAt, startedAt, completedAt);
  }

  private static Run build(
      String id,
      String status,
      List<URI> outputUrls,
      RunError error,
      String model,
      Instant createdAt,
      Instant startedAt,
      Instant completedAt) {
    if (id == null) {
      throw new MalformedResponseException(WHAT + ": the field \"id\" is missing");
    }
    if (status == null) {
      throw new MalformedResponseException(WHAT + ": the field \"status\" is missing (run " + Excerpts.of(id) + ")");
    }
    if (status.isBlank()) {
      throw new MalformedResponseException(WHAT + ": the field \"status\" is blank (run " + Excerpts.of(id) + ")");
    }
    RunId runId;
    try {
      runId = RunId.of(id);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(WHAT + ": the field \"id\" is unusable: " + e.getMessage(), e);
    }
    return Run.builder(runId, RunStatus.of(status))
        .outputUrls(outputUrls)
        .error(error)
        .model(model)
        .createdAt(createdAt)
        .startedAt(startedAt)
        .completedAt(completedAt)
        .build();
  }

  private static String requiredString(JsonReader reader, String field) throws IOException {
    JsonToken token = reader.peek();
    if (token != JsonToken.STRING) {
      throw new MalformedResponseException(
          WHAT + ": the field \"" + field + "\" must be a string, but was " + describe(token));
    }
    return reader.nextString();
  }

  private static List<URI> readOutput(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.NULL) {
      reader.nextNull();
      return List.of();
    }
    if (token != JsonToken.BEGIN_OBJECT) {
      throw new MalformedResponseException(
          WHAT + ": the field \"output\" must be an object with \"urls\", but was " + describe(token));
    }
    List<URI> urls = List.of();
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.nextName().equals("urls")) {
        urls = readUrls(reader);
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return urls;
  }

  private static List<URI> readUrls(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.NULL) {
      reader.nextNull();
      return List.of();
    }
    if (token != JsonToken.BEGIN_ARRAY) {
      throw new MalformedResponseException(
          WHAT + ": the field \"output.urls\" must be an array of URLs, but was " + describe(token));
    }
    List<URI> urls = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      String path = "output.urls[" + urls.size() + "]";
      JsonToken element = reader.peek();
      if (element != JsonToken.STRING) {
        throw new MalformedResponseException(WHAT + ": " + path + " must be a URL string, but was " + describe(element));
      }
      urls.add(parseUrl(reader.nextString(), path));
    }
    reader.endArray();
    return urls;
  }

  private static URI parseUrl(String text, String path) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new MalformedResponseException(
        WHAT + ": " + path + " is not an absolute http(s) URL: \"" + Excerpts.of(text) + "\"");
  }

  private static RunError readError(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    switch (token) {
      case NULL:
        reader.nextNull();
        return null;
      case STRING:
        return RunError.of(reader.nextString(), null);
      case BEGIN_OBJECT:
        return ErrorObject.read(reader).toRunError();
      default:
        throw new MalformedResponseException(
            WHAT + ": the field \"error\" must be an object, a string or null, but was " + describe(token));
    }
  }

  private static String skip(JsonReader reader) throws IOException {
    reader.skipValue();
    return null;
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case BEGIN_OBJECT:
        return "an object";
      case BEGIN_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case END_DOCUMENT:
        return "nothing";
      default:
        return token.toString();
    }
  }
}
