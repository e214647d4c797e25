package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.RecordedRequest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The control endpoint under {@code /__control/} of both origins, so that tests in any language can
 * drive the fake: {@code POST reset}, {@code POST inject}, {@code DELETE inject}, {@code GET runs},
 * {@code GET journal}, {@code GET state}, {@code GET health}, {@code GET dashboard} (what {@link
 * Dashboard} shows), and on the image origin only (it stays
 * up while the API is down) {@code POST outage} and {@code POST restore}. Control requests are not
 * journaled and not rate limited.
 */
final class ControlTransformer extends FakeTransformer {
  static final String NAME = "seedream-fake-control";
  static final String PREFIX = "/__control/";

  private final FakeServers servers;
  private final boolean onImageOrigin;

  ControlTransformer(FakeEngine engine, FakeServers servers, boolean onImageOrigin) {
    super(NAME, engine);
    this.servers = servers;
    this.onImageOrigin = onImageOrigin;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String command = request.getMethod().getName() + " " + Incoming.pathOf(request.getUrl()).substring(PREFIX.length());
    try {
      switch (command) {
        case "GET health":
          return ok(Map.of("status", "ok"));
        case "POST reset":
          engine.reset();
          servers.restore();
          return ok(Map.of("reset", true));
        case "POST outage":
          checkImageOrigin("outage");
          servers.outage();
          return ok(Map.of("outage", true, "refused", servers.baseUrl()));
        case "POST restore":
          checkImageOrigin("restore");
          servers.restore();
          return ok(Map.of("restored", true, "baseUrl", servers.baseUrl()));
        case "POST inject":
          return ok(Map.of("injected", ControlCommands.inject(engine, request.getBodyAsString())));
        case "DELETE inject":
          engine.injections().clear();
          return ok(Map.of("cleared", true));
        case "GET runs":
          return ok(Map.of("runs", engine.runs().stream().map(ControlTransformer::run).collect(Collectors.toList())));
        case "GET journal":
          return ok(Map.of("requests", engine.journal().snapshot().stream().map(RecordedRequest::toString).collect(Collectors.toList())));
        case "GET dashboard":
          return ok(Dashboard.state(engine, servers));
        case "GET state":
          return ok(Map.of("balance", BigDecimal.valueOf(engine.balanceCents(), 2).toPlainString(), "runs", engine.runs().size(),
              "api", servers.isDown() ? "down" : "up"));
        default:
          return answer(404, Json.error(
              "unknown control command '" + command + "': use GET health, POST reset, POST inject, DELETE inject, GET runs, GET journal,"
                  + " GET state, GET dashboard, or on the image origin POST outage and POST restore",
              "unknown_command"));
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return answer(400, Json.error(e.getMessage(), "bad_control_request"));
    }
  }

  private void checkImageOrigin(String command) {
    if (!onImageOrigin) {
      throw new IllegalArgumentException("send POST /__control/" + command + " to the image origin, which stays up while the API is down: "
          + servers.imageBaseUrl() + "/__control/" + command);
    }
  }

  private static Map<String, Object> run(FakeRun run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", run.id());
    json.put("status", run.status());
    json.put("polls", run.polls());
    json.put("urls", run.outputUrls());
    run.errorCode().ifPresent(code -> json.put("error_code", code));
    return json;
  }

  private static ResponseDefinition ok(Map<String, ?> body) {
    return answer(200, Json.write(body));
  }

  private static ResponseDefinition answer(int status, String body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", Answer.JSON)
        .withBody(body)
        .build();
  }
}
