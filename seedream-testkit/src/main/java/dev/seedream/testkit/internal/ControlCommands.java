package dev.seedream.testkit.internal;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.NetworkFault;
import dev.seedream.testkit.RunbaseError;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an injection from the control endpoint's JSON:
 *
 * <pre>{@code
 * {"endpoint": "create", "times": 2, "status": 503, "retryAfter": "1"}
 * {"endpoint": "get", "probability": 0.1, "fault": "CONNECTION_RESET_BY_PEER"}
 * {"endpoint": "create", "error": "insufficient_balance"}
 * {"endpoint": "image", "html": 502}
 * {"endpoint": "get", "delayMs": 1500}
 * {"endpoint": "create", "fault": "EMPTY_RESPONSE", "afterHandling": true}
 * {"endpoint": "create", "skip": 4, "times": 1, "status": 503}
 * {"endpoint": "get", "answer": {"status": 200, "contentType": "text/html", "body": "<html>...",
 *                                "headers": {"X-Trace": "a", "Set-Cookie": ["a=1", "b=2"]}}}
 * {"endpoint": "image", "answer": {"status": 200, "contentType": "image/png", "bodyBase64": "iVBORw0KGgo=", "chunked": true}}
 * {"endpoint": "image", "answer": {"status": 200, "body": "short", "contentLength": 1000}}
 * }</pre>
 */
final class ControlCommands {
  private static final List<String> ANSWER_FIELDS = List.of("status", "contentType", "headers", "body", "bodyBase64", "chunked", "contentLength");

  private ControlCommands() {}

  /** Applies the injection to the engine, or throws IllegalArgumentException saying what is wrong. */
  static String inject(FakeEngine engine, String body) {
    Object parsed = Json.parse(body == null ? "" : body).orElse(null);
    if (!(parsed instanceof Map)) {
      throw new IllegalArgumentException("the body must be a JSON object such as {\"endpoint\": \"create\", \"times\": 1, \"status\": 503}");
    }
    Map<?, ?> json = (Map<?, ?>) parsed;
    Endpoint endpoint = endpoint(json.get("endpoint"));
    Failure failure = failure(json);
    if (Boolean.TRUE.equals(json.get("afterHandling"))) {
      failure = failure.afterHandling();
    }
    if (json.get("retryAfter") != null) {
      failure = failure.withRetryAfter(String.valueOf(json.get("retryAfter")));
    }
    if (json.get("probability") != null) {
      if (json.get("skip") != null || json.get("times") != null) {
        throw new IllegalArgumentException("give probability, or times with an optional skip, not both");
      }
      double p = number(json.get("probability"), "probability").doubleValue();
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability must be between 0 and 1, but was " + p);
      }
      engine.injections().withProbability(endpoint, p, failure);
      return failure + " on " + endpoint + " with probability " + p;
    }
    int times = json.get("times") == null ? 1 : number(json.get("times"), "times").intValue();
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1, but was " + times);
    }
    int skip = json.get("skip") == null ? 0 : number(json.get("skip"), "skip").intValue();
    if (skip < 0) {
      throw new IllegalArgumentException("skip must be >= 0, but was " + skip);
    }
    engine.injections().after(endpoint, skip, times, failure);
    return failure + (skip == 0 ? "" : " after the next " + skip) + " on the next " + times + " " + endpoint + " request(s)";
  }

  private static Failure failure(Map<?, ?> json) {
    if (json.get("answer") != null) {
      return answer(json.get("answer"));
    }
    if (json.get("error") != null) {
      String code = String.valueOf(json.get("error"));
      for (RunbaseError error : RunbaseError.values()) {
        if (error.code().equalsIgnoreCase(code)) {
          return json.get("message") == null ? Failure.error(error) : Failure.error(error, String.valueOf(json.get("message")));
        }
      }
      throw new IllegalArgumentException("unknown error code '" + code + "': use one of the documented codes such as invalid_api_key, RATE_LIMITED");
    }
    if (json.get("status") != null) {
      return Failure.serverError(number(json.get("status"), "status").intValue());
    }
    if (json.get("html") != null) {
      return Failure.htmlPage(number(json.get("html"), "html").intValue());
    }
    if (json.get("fault") != null) {
      try {
        return Failure.fault(NetworkFault.valueOf(String.valueOf(json.get("fault")).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown fault '" + json.get("fault") + "': use CONNECTION_RESET_BY_PEER, EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK or RANDOM_DATA_THEN_CLOSE", e);
      }
    }
    if (json.get("delayMs") != null) {
      return Failure.delay(Duration.ofMillis(number(json.get("delayMs"), "delayMs").longValue()));
    }
    throw new IllegalArgumentException("say what to inject: one of error, status, html, fault, delayMs or answer");
  }

  /**
   * {@code {"status": 302, "contentType": "...", "headers": {"Location": "..."}, "body": "..." | "bodyBase64":
   * "...", "chunked": true, "contentLength": 10}}.
   */
  private static Failure answer(Object value) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("answer must be a JSON object such as {\"status\": 200, \"contentType\": \"text/html\", \"body\": \"<html>\"}");
    }
    Map<?, ?> json = (Map<?, ?>) value;
    for (Object key : json.keySet()) {
      if (!ANSWER_FIELDS.contains(key)) {
        throw new IllegalArgumentException("unknown answer field '" + key + "': use " + String.join(", ", ANSWER_FIELDS));
      }
    }
    if (json.get("status") == null) {
      throw new IllegalArgumentException("answer.status is required: 200 to 599");
    }
    Failure failure = Failure.answer(number(json.get("status"), "answer.status").intValue());
    if (json.get("contentType") != null) {
      failure = failure.withContentType(text(json.get("contentType"), "answer.contentType"));
    }
    Object headers = json.get("headers");
    if (headers != null) {
      if (!(headers instanceof Map)) {
        throw new IllegalArgumentException("answer.headers must be an object of names to a value or a list of values");
      }
      for (Map.Entry<?, ?> header : ((Map<?, ?>) headers).entrySet()) {
        String name = String.valueOf(header.getKey());
        List<?> values = header.getValue() instanceof List ? (List<?>) header.getValue() : List.of(header.getValue());
        for (Object v : values) {
          failure = failure.withHeader(name, text(v, "answer.headers." + name));
        }
      }
    }
    if (json.get("body") != null && json.get("bodyBase64") != null) {
      throw new IllegalArgumentException("give answer.body or answer.bodyBase64, not both");
    }
    if (json.get("body") != null) {
      failure = failure.withBody(text(json.get("body"), "answer.body"));
    }
    if (json.get("bodyBase64") != null) {
      try {
        failure = failure.withBody(Base64.getDecoder().decode(text(json.get("bodyBase64"), "answer.bodyBase64")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("answer.bodyBase64 must be standard base64: " + e.getMessage(), e);
      }
    }
    if (Boolean.TRUE.equals(json.get("chunked"))) {
      failure = failure.chunked();
    }
    if (json.get("contentLength") != null) {
      failure = failure.withDeclaredContentLength(number(json.get("contentLength"), "answer.contentLength").longValue());
    }
    return failure;
  }

  private static String text(Object value, String name) {
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(name + " must be a string, but was '" + value + "'");
    }
    return (String) value;
  }

  private static Endpoint endpoint(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("endpoint is required: create, get or image");
    }
    try {
      return Endpoint.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint must be create, get or image, but was '" + value + "'", e);
    }
  }

  private static Number number(Object value, String name) {
    if (!(value instanceof Number)) {
      throw new IllegalArgumentException(name + " must be a number, but was '" + value + "'");
    }
    return (Number) value;
  }
}
