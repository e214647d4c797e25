package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.seedream.testkit.Failure;
import java.util.Locale;

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
      default:
        throw new IllegalStateException("unknown failure kind " + failure.kind());
    }
    failure.retryAfter().ifPresent(value -> response.withHeader("Retry-After", value));
    return response.build();
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
