package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.RecordedRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WireMock extension of the image origin: {@code GET /images/{runId}/{index}.png} answers a PNG. */
final class ImageTransformer extends FakeTransformer {
  static final String NAME = "seedream-fake-images";
  private static final Pattern IMAGE = Pattern.compile("/images/([^/]+)/(\\d{1,4})\\.png");

  ImageTransformer(FakeEngine engine) {
    super(NAME, engine);
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = event.getRequest();
    String path = Incoming.pathOf(request.getUrl());
    Matcher matcher = IMAGE.matcher(path);
    String runId = matcher.matches() ? matcher.group(1) : null;
    RecordedRequest.Builder entry = RecordedRequest.builder()
        .at(engine.now())
        .endpoint(Endpoint.IMAGE)
        .method(request.getMethod().getName())
        .path(request.getUrl())
        .authorization(request.containsHeader("Authorization"))
        .apiKey(Incoming.bearerToken(request.getHeader("Authorization")))
        .runId(runId);
    Optional<Failure> failure = engine.injections().take(Endpoint.IMAGE);
    if (failure.isPresent() && failure.get().kind() != Failure.Kind.DELAY) {
      engine.journal().add(entry.status(failure.get().status()).injected(failure.get()));
      return Responses.of(failure.get(), null);
    }
    Optional<RunRecord> run = runId == null ? Optional.empty() : engine.imageOwner(runId, Integer.parseInt(matcher.group(2)));
    ResponseDefinition response;
    if (run.isEmpty()) {
      entry.status(404);
      response = Responses.notFound("No such image: " + path + " (images exist once their run has succeeded)");
    } else {
      int index = Integer.parseInt(matcher.group(2));
      int[] size = ImageSizes.of(run.get().ratio, run.get().quality, engine.settings().imageScale());
      byte[] png = ImagePainter.png(size[0], size[1], Ids.mix(run.get().imageSeed, index));
      entry.status(200);
      response = ResponseDefinitionBuilder.responseDefinition()
          .withStatus(200)
          .withHeader("Content-Type", "image/png")
          .withHeader("Cache-Control", "public, max-age=86400")
          .withBody(png)
          .build();
    }
    engine.journal().add(entry.injected(failure.orElse(null)));
    return failure.isPresent()
        ? ResponseDefinitionBuilder.like(response).withFixedDelay((int) failure.get().delay().toMillis()).build()
        : response;
  }
}
