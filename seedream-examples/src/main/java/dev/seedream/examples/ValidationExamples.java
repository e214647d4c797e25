package dev.seedream.examples;

import com.google.gson.Gson;
import dev.seedream.GenerationRequest;
import dev.seedream.validation.RequestValidator;
import dev.seedream.validation.ValidationException;
import dev.seedream.validation.ValidationResult;
import dev.seedream.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validation guide: core's rules on a typed request, a raw input and a whole body. */
public final class ValidationExamples {
  private ValidationExamples() {}

  /** A typed request that breaks two rules; returns the violations its builder reported. */
  public static List<Violation> typedRequest() {
    // tag::validate-typed[]
    try {
      GenerationRequest.builder()
          .prompt("   ")
          .addImageUrl("ftp://example.com/lamp.png")
          .build();
    } catch (ValidationException e) {            // every broken rule at once; nothing was sent
      e.violations().forEach(System.out::println);
      // input.prompt [blank]: prompt holds only whitespace: describe the image
      // input.image_urls[0] [invalid_url]: must be an absolute http(s) URL or a data:image/...;base64, URI, ...
      return e.violations();
    }
    // end::validate-typed[]
    return List.of();
  }

  /** A raw input object, as a JSON parser gives it; returns its violations. */
  public static ValidationResult rawInput() {
    // tag::validate-input[]
    Map<String, Object> input = new LinkedHashMap<>();          // as your JSON parser gives it
    input.put("prompt", "A ceramic lamp");
    input.put("aspect_ratio", "5:4");
    input.put("image_urls", List.of("https://example.com/lamp.png", 42));
    input.put("resolution", "4K");

    ValidationResult result = RequestValidator.validateInput(input);
    for (Violation v : result.violations()) {
      System.out.println(v.path() + " " + v.code().id() + ": " + v.message());
    }
    // input.aspect_ratio not_allowed: aspect_ratio must be one of 1:1, 2:3, ..., but was '5:4'
    // input.image_urls[1] wrong_type: image_urls[1] must be a string, but was a number '42'
    // input.resolution unknown_field: 'resolution' is not a field here; ... (for 2K or 4K, use quality: basic or high)
    // end::validate-input[]
    return result;
  }

  /** A whole create body in JSON, checked as the API would; returns its violations. */
  public static ValidationResult body(String json) {
    // tag::validate-body[]
    Map<?, ?> body = new Gson().fromJson(json, Map.class);        // any parser: Map, List, String, Number, Boolean, null
    ValidationResult result = RequestValidator.validateBody(body);
    if (!result.isValid()) {
      result.violations().forEach(System.err::println);          // "input.quality [not_allowed]: ..."
    }
    // end::validate-body[]
    return result;
  }
}
