package dev.seedream.testkit.internal;

import dev.seedream.testkit.RunbaseError;
import java.nio.charset.StandardCharsets;

/**
 * The fake's answer to a request, before it becomes an HTTP response: status, body, and what the
 * journal keeps of it.
 */
record Answer(int status, String contentType, byte[] body, String errorCode, String apiKey, String runId) {
  static final String JSON = "application/json";

  static Answer json(int status, String body, String apiKey, String runId) {
    return new Answer(status, JSON, body.getBytes(StandardCharsets.UTF_8), null, apiKey, runId);
  }

  static Answer error(RunbaseError error, String message, String apiKey, String runId) {
    return new Answer(
        error.status(), JSON, Json.error(message, error.code()).getBytes(StandardCharsets.UTF_8), error.code(), apiKey, runId);
  }

  static Answer error(RunbaseError error, String apiKey) {
    return error(error, error.message(), apiKey, null);
  }

  Answer withRunId(String id) {
    return new Answer(status, contentType, body, errorCode, apiKey, id);
  }
}
