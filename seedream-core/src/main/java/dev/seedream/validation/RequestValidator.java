package dev.seedream.validation;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of {@code bytedance/seedream-4.5}, as a standalone API that other tools can embed.
 *
 * <p>Three entry points: a typed {@link GenerationRequest}, the raw {@code input} object of a create
 * request as parsed from JSON ({@link #validateInput}), and the whole raw body with {@code model}
 * and {@code input} ({@link #validateBody}). Raw values are what a JSON parser gives: {@code
 * String}, {@code Number}, {@code Boolean}, {@code null}, {@code List} and {@code Map}. Every
 * violation is reported at once, with its JSON path; no input makes these methods throw.
 *
 * <pre>{@code
 * ValidationResult result = RequestValidator.validateInput(Map.of("prompt", "", "quality", "ultra"));
 * result.violations().forEach(v -> System.out.println(v));
 * // input.prompt [too_short]: ...
 * // input.quality [not_allowed]: ...
 * }</pre>
 *
 * <p>Thread-safe and stateless.
 */
public final class RequestValidator {
  private static final String PROMPT = "prompt";
  private static final String ASPECT_RATIO = "aspect_ratio";
  private static final String QUALITY = "quality";
  private static final String IMAGE_URLS = "image_urls";
  private static final Set<String> INPUT_FIELDS = Set.of(PROMPT, ASPECT_RATIO, QUALITY, IMAGE_URLS);
  private static final String KNOWN_INPUT_FIELDS = "prompt, aspect_ratio, quality, image_urls";
  private static final Set<String> BODY_FIELDS = Set.of("model", "input");

  private static final Pattern DATA_IMAGE =
      Pattern.compile("(?i:data:image/[a-z0-9.+-]+;base64,)([A-Za-z0-9+/]+={0,2})");

  private RequestValidator() {}

  /** The violations of a typed request (none for a request built by its builder). */
  public static ValidationResult validate(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    return validateInput(request.toWire());
  }

  /**
   * The violations of a raw {@code input} object. Paths start with {@code input.}.
   *
   * @param input the {@code input} object as parsed from JSON
   */
  public static ValidationResult validateInput(Map<?, ?> input) {
    Objects.requireNonNull(input, "input");
    List<Violation> out = new ArrayList<>();
    checkInput(input, "input", out);
    return ValidationResult.of(out);
  }

  /**
   * The violations of a whole create body {@code {"model": "bytedance/seedream-4.5", "input":
   * {...}}}.
   */
  public static ValidationResult validateBody(Map<?, ?> body) {
    Objects.requireNonNull(body, "body");
    List<Violation> out = new ArrayList<>();
    Object model = body.get("model");
    if (!body.containsKey("model")) {
      out.add(Violation.of("model", ViolationCode.REQUIRED, "model is required: set it to '" + GenerationRequest.MODEL + "'"));
    } else if (!(model instanceof String)) {
      out.add(wrongType("model", "a string", model));
    } else if (!GenerationRequest.MODEL.equals(model)) {
      out.add(
          Violation.of(
              "model",
              ViolationCode.WRONG_MODEL,
              "model must be '" + GenerationRequest.MODEL + "', but was " + quote(model)));
    }
    Object input = body.get("input");
    if (!body.containsKey("input")) {
      out.add(Violation.of("input", ViolationCode.REQUIRED, "input is required: an object with at least a prompt"));
    } else if (!(input instanceof Map)) {
      out.add(wrongType("input", "an object", input));
    } else {
      checkInput((Map<?, ?>) input, "input", out);
    }
    unknownFields(body, BODY_FIELDS, "", "model, input", out);
    return ValidationResult.of(out);
  }

  private static void checkInput(Map<?, ?> input, String at, List<Violation> out) {
    checkPrompt(input, at + "." + PROMPT, out);
    checkAspectRatio(input, at + "." + ASPECT_RATIO, out);
    checkQuality(input, at + "." + QUALITY, out);
    checkImageUrls(input, at + "." + IMAGE_URLS, out);
    unknownFields(input, INPUT_FIELDS, at + ".", KNOWN_INPUT_FIELDS, out);
  }

  private static void checkPrompt(Map<?, ?> input, String path, List<Violation> out) {
    if (!input.containsKey(PROMPT)) {
      out.add(
          Violation.of(
              path,
              ViolationCode.REQUIRED,
              "prompt is required: describe the image in 1 to "
                  + GenerationRequest.MAX_PROMPT_LENGTH
                  + " characters"));
      return;
    }
    Object value = input.get(PROMPT);
    if (!(value instanceof String)) {
      out.add(wrongType(path, "a string", value));
      return;
    }
    String prompt = (String) value;
    int length = prompt.codePointCount(0, prompt.length());
    if (length == 0) {
      out.add(Violation.of(path, ViolationCode.TOO_SHORT, "prompt is empty: describe the image in 1 to " + GenerationRequest.MAX_PROMPT_LENGTH + " characters"));
    } else if (prompt.isBlank()) {
      out.add(Violation.of(path, ViolationCode.BLANK, "prompt holds only whitespace: describe the image"));
    } else if (length > GenerationRequest.MAX_PROMPT_LENGTH) {
      out.add(
          Violation.of(
              path,
              ViolationCode.TOO_LONG,
              "prompt is "
                  + length
                  + " characters long, but at most "
                  + GenerationRequest.MAX_PROMPT_LENGTH
                  + " are allowed: shorten it by "
                  + (length - GenerationRequest.MAX_PROMPT_LENGTH)));
    }
  }

  private static void checkAspectRatio(Map<?, ?> input, String path, List<Violation> out) {
    if (!input.containsKey(ASPECT_RATIO)) {
      return;
    }
    Object value = input.get(ASPECT_RATIO);
    if (!(value instanceof String)) {
      out.add(wrongType(path, "a string", value));
    } else if (AspectRatio.fromWire((String) value).isEmpty()) {
      out.add(
          Violation.of(
              path,
              ViolationCode.NOT_ALLOWED,
              "aspect_ratio must be one of " + AspectRatio.allowedValues() + ", but was " + quote(value)));
    }
  }

  private static void checkQuality(Map<?, ?> input, String path, List<Violation> out) {
    if (!input.containsKey(QUALITY)) {
      return;
    }
    Object value = input.get(QUALITY);
    if (!(value instanceof String)) {
      out.add(wrongType(path, "a string", value));
    } else if (Quality.fromWire((String) value).isEmpty()) {
      out.add(
          Violation.of(
              path,
              ViolationCode.NOT_ALLOWED,
              "quality must be one of "
                  + Quality.allowedValues()
                  + " (basic = 2K, high = 4K), but was "
                  + quote(value)));
    }
  }

  private static void checkImageUrls(Map<?, ?> input, String path, List<Violation> out) {
    if (!input.containsKey(IMAGE_URLS)) {
      return;
    }
    Object value = input.get(IMAGE_URLS);
    if (!(value instanceof List)) {
      out.add(wrongType(path, "an array of strings", value));
      return;
    }
    List<?> urls = (List<?>) value;
    for (int i = 0; i < urls.size(); i++) {
      checkImageUrl(urls.get(i), path + "[" + i + "]", out);
    }
    if (urls.size() > GenerationRequest.MAX_REFERENCE_IMAGES) {
      out.add(
          Violation.of(
              path + "[" + GenerationRequest.MAX_REFERENCE_IMAGES + "]",
              ViolationCode.TOO_MANY,
              "at most "
                  + GenerationRequest.MAX_REFERENCE_IMAGES
                  + " reference images are allowed, but "
                  + urls.size()
                  + " were given: remove "
                  + (urls.size() - GenerationRequest.MAX_REFERENCE_IMAGES)));
    }
  }

  private static void checkImageUrl(Object value, String path, List<Violation> out) {
    if (!(value instanceof String)) {
      out.add(wrongType(path, "a string", value));
      return;
    }
    String url = (String) value;
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      var matcher = DATA_IMAGE.matcher(url);
      if (!matcher.matches()) {
        out.add(
            Violation.of(
                path,
                ViolationCode.INVALID_URL,
                "a data URI must have the form data:image/<type>;base64,<base64 data>, but was " + quote(url)));
        return;
      }
      long payload = matcher.end(1) - matcher.start(1);
      int padding = url.endsWith("==") ? 2 : url.endsWith("=") ? 1 : 0;
      long bytes = payload * 3 / 4 - padding;
      if (bytes > GenerationRequest.MAX_IMAGE_BYTES) {
        out.add(
            Violation.of(
                path,
                ViolationCode.TOO_LARGE,
                "inline image is about "
                    + bytes
                    + " bytes, but at most "
                    + GenerationRequest.MAX_IMAGE_BYTES
                    + " (10 MB) are allowed: shrink it or pass a URL"));
      }
      return;
    }
    if (!isAbsoluteHttpUrl(url)) {
      out.add(
          Violation.of(
              path,
              ViolationCode.INVALID_URL,
              "must be an absolute http(s) URL or a data:image/...;base64, URI, but was " + quote(url)));
    }
  }

  private static boolean isAbsoluteHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      // A host java.net.URI cannot parse as a server name (an underscore, non-ASCII letters) still
      // counts when the URL has a non-empty authority: such URLs exist and servers accept them.
      String authority = uri.getRawAuthority();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && authority != null
          && !authority.isEmpty()
          && !authority.startsWith("@")
          && !authority.startsWith(":");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void unknownFields(
      Map<?, ?> map, Set<String> known, String prefix, String knownList, List<Violation> out) {
    for (Object key : map.keySet()) {
      if (key instanceof String && known.contains(key)) {
        continue;
      }
      String name = String.valueOf(key);
      String hint = "resolution".equals(name) ? " (for 2K or 4K, use quality: basic or high)" : "";
      out.add(
          Violation.of(
              prefix + name,
              ViolationCode.UNKNOWN_FIELD,
              quote(name) + " is not a field here; the known fields are " + knownList + hint));
    }
  }

  private static Violation wrongType(String path, String expected, Object value) {
    return Violation.of(
        path,
        ViolationCode.WRONG_TYPE,
        path.substring(path.lastIndexOf('.') + 1)
            + " must be "
            + expected
            + ", but was "
            + jsonType(value)
            + (value == null || value instanceof Map || value instanceof List ? "" : " " + quote(value)));
  }

  private static String jsonType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof Map) {
      return "an object";
    }
    return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** The value, shortened and with control characters shown as '?', in single quotes. */
  private static String quote(Object value) {
    String text = String.valueOf(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.append('\'').toString();
  }
}
