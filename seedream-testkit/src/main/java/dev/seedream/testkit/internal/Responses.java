package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.seedream.testkit.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the fake's answers and injected failures into WireMock responses. */
final class Responses {
  private Responses() {}

  static ResponseDefinition of(Answer answer) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(answer.status())
        .withHeader("Content-Type", answer.contentType())
        .withBody(answer.body())
        .build();
  }

  /** The failure's answer; for a delay, the normal answer delayed. */
  static ResponseDefinition of(Failure failure, Answer normal) {
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
    switch (failure.kind()) {
      case DELAY:
        return ResponseDefinitionBuilder.like(of(normal)).withFixedDelay((int) failure.delay().toMillis()).build();
      case NETWORK_FAULT:
        return response.withFault(Fault.valueOf(failure.networkFault().orElseThrow().name())).build();
      case API_ERROR:
        response.withStatus(failure.status())
            .withHeader("Content-Type", Answer.JSON)
            .withBody(Json.error(failure.message(), failure.error().orElseThrow().code()));
        break;
      case SERVER_ERROR:
        response.withStatus(failure.status())
            .withHeader("Content-Type", Answer.JSON)
            .withBody(Json.error(failure.message(), null));
        break;
      case HTML_PAGE:
        response.withStatus(failure.status())
            .withHeader("Content-Type", "text/html; charset=utf-8")
            .withBody(html(failure.status()));
        break;
      case ANSWER:
        raw(response, failure);
        break;
      default:
        throw new IllegalStateException("unknown failure kind " + failure.kind());
    }
    failure.retryAfter().ifPresent(value -> response.withHeader("Retry-After", value));
    return response.build();
  }

  /**
   * A raw answer: its headers grouped by name in the order given, its body, and a Content-Length of
   * the body (or the declared one) unless it is chunked. Without a Content-Length, WireMock (whose
   * chunked encoding policy is ALWAYS) flushes before it closes, so that Jetty commits the headers
   * without a length: chunked for HTTP/1.1 keep-alive, ended by closing the connection otherwise.
   */
  private static void raw(ResponseDefinitionBuilder response, Failure failure) {
    response.withStatus(failure.status());
    failure.contentType().ifPresent(type -> response.withHeader("Content-Type", type));
    Map<String, List<String>> grouped = new LinkedHashMap<>(); // the first spelling of each name -> its values
    for (Map.Entry<String, String> header : failure.headers()) {
      String name = grouped.keySet().stream().filter(header.getKey()::equalsIgnoreCase).findFirst().orElse(header.getKey());
      grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
    }
    grouped.forEach((name, values) -> response.withHeader(name, values.toArray(new String[0])));
    byte[] body = failure.body();
    boolean bodiless = failure.status() == 204 || failure.status() == 304;
    if (failure.declaredContentLength().isPresent()) {
      response.withHeader("Content-Length", Long.toString(failure.declaredContentLength().getAsLong()));
    } else if (!failure.isChunked() && !bodiless) {
      response.withHeader("Content-Length", Integer.toString(body.length));
    }
    response.withBody(body);
  }

  /** A plain-text 404 that says what the fake serves, for paths it does not know. */
  static ResponseDefinition notFound(String message) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(404)
        .withHeader("Content-Type", "text/plain; charset=utf-8")
        .withBody(message)
        .build();
  }

  private static String html(int status) {
    String title = status + " " + reason(status);
    return String.format(
        Locale.ROOT,
        "<html>%n<head><title>%s</title></head>%n<body>%n<center><h1>%s</h1></center>%n<hr><center>nginx</center>%n</body>%n</html>%n",
        title,
        title);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Temporarily Unavailable";
      case 504:
        return "Gateway Time-out";
      default:
        return "Error";
    }
  }
}
