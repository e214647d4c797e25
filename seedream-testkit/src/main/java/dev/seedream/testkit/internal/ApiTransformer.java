package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.RecordedRequest;
import java.util.Optional;

/**
 * The WireMock extension that answers {@code POST /api/v1/runs} and {@code GET /api/v1/runs/{id}}
 * from the fake's own state, applying injected failures and writing the journal.
 */
final class ApiTransformer extends FakeTransformer {
  static final String NAME = "seedream-fake-api";
  private static final String RUN_PREFIX = "/api/v1/runs/";

  ApiTransformer(FakeEngine engine) {
    super(NAME, engine);
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = Incoming.pathOf(request.getUrl());
    String method = request.getMethod().getName();
    Incoming incoming =
        new Incoming(method, request.getUrl(), request.getHeader("Authorization"), request.getBodyAsString(), request.getClientIp());
    Endpoint endpoint;
    String runId = null;
    if ("POST".equals(method) && FakeEngine.isRunsPath(path)) {
      endpoint = Endpoint.CREATE;
    } else if ("GET".equals(method) && path.startsWith(RUN_PREFIX) && path.indexOf('/', RUN_PREFIX.length()) < 0) {
      endpoint = Endpoint.GET;
      runId = path.substring(RUN_PREFIX.length());
    } else {
      return Responses.notFound("The fake Runbase serves POST /api/v1/runs and GET /api/v1/runs/{id}, not " + method + " " + path);
    }
    Optional<Failure> failure = engine.injections().take(endpoint);
    if (failure.isPresent() && !failure.get().isAfterHandling()) {
      engine.journal().add(entry(incoming, endpoint).runId(runId).apiKey(incoming.bearerToken())
          .status(failure.get().status()).errorCode(failure.get().error().map(e -> e.code()).orElse(null))
          .injected(failure.get()));
      return Responses.of(failure.get(), null);
    }
    Answer answer = endpoint == Endpoint.CREATE ? engine.create(incoming) : engine.read(incoming, runId);
    RecordedRequest.Builder entry = entry(incoming, endpoint).runId(answer.runId()).apiKey(incoming.bearerToken());
    if (failure.isPresent() && failure.get().kind() != Failure.Kind.DELAY) {
      Failure f = failure.get();
      engine.journal().add(entry.status(f.status()).errorCode(f.error().map(e -> e.code()).orElse(null)).injected(f));
      return Responses.of(f, answer);
    }
    engine.journal().add(entry.status(answer.status()).errorCode(answer.errorCode()).injected(failure.orElse(null)));
    return failure.isPresent() ? Responses.of(failure.get(), answer) : Responses.of(answer);
  }

  private RecordedRequest.Builder entry(Incoming incoming, Endpoint endpoint) {
    return RecordedRequest.builder()
        .at(engine.now())
        .endpoint(endpoint)
        .method(incoming.method())
        .path(incoming.path())
        .authorization(incoming.authorization() != null);
  }
}
