package dev.seedream.cli;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import dev.seedream.validation.RequestValidator;
import java.util.Map;

/** Turns a raw input object (as a JSON parser or the command line gives it) into a checked request. */
final class Inputs {
  private Inputs() {}

  /**
   * The request for a raw {@code input} object.
   *
   * @throws dev.seedream.validation.ValidationException listing every rule it breaks; nothing is sent
   */
  static GenerationRequest request(Map<?, ?> input) {
    RequestValidator.validateInput(input).throwIfInvalid();
    GenerationRequest.Builder builder = GenerationRequest.builder().prompt((String) input.get("prompt"));
    if (input.get("aspect_ratio") != null) {
      builder.aspectRatio(AspectRatio.fromWire((String) input.get("aspect_ratio")).orElseThrow());
    }
    if (input.get("quality") != null) {
      builder.quality(Quality.fromWire((String) input.get("quality")).orElseThrow());
    }
    if (input.get("image_urls") instanceof Iterable) {
      for (Object url : (Iterable<?>) input.get("image_urls")) {
        builder.addImageUrl((String) url);
      }
    }
    return builder.build();
  }
}
