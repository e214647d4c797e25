package dev.seedream.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@link RequestValidator}, one row per case: the raw {@code input} object and the
 * violations expected (path, code, and a fragment of the message that tells how to fix it).
 */
class RequestValidatorRulesTest {
  private static final String RATIOS = "1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 21:9";
  private static final String FIELDS = "prompt, aspect_ratio, quality, image_urls";
  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars
  private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  /** One expected violation. */
  record Expect(String path, ViolationCode code, String messageFragment) {
    @Override
    public String toString() {
      return path + " [" + code + "] ~ '" + messageFragment + "'";
    }
  }

  static Expect v(String path, ViolationCode code, String fragment) {
    return new Expect(path, code, fragment);
  }

  /** A map that keeps insertion order and allows null values, as a JSON parser gives. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  static Map<String, Object> prompted(Object... more) {
    Object[] all = new Object[more.length + 2];
    all[0] = "prompt";
    all[1] = "a lamp";
    System.arraycopy(more, 0, all, 2, more.length);
    return map(all);
  }

  static List<Object> urls(int count) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add("https://img.example.com/ref/" + i + ".png");
    }
    return out;
  }

  static Arguments row(String name, Map<String, Object> input, Expect... expected) {
    return Arguments.of(name, input, List.of(expected));
  }

  static Stream<Arguments> inputRows() {
    List<Arguments> rows = new ArrayList<>();
    // prompt
    rows.add(row("minimal valid", map("prompt", "a")));
    rows.add(row("prompt absent", map(), v("input.prompt", ViolationCode.REQUIRED, "1 to 3000")));
    rows.add(row("prompt empty", map("prompt", ""), v("input.prompt", ViolationCode.TOO_SHORT, "1 to 3000")));
    rows.add(row("prompt blank", map("prompt", " \t\n "), v("input.prompt", ViolationCode.BLANK, "describe the image")));
    rows.add(row("prompt of 1 char", map("prompt", "x")));
    rows.add(row("prompt of 3000 chars", map("prompt", "a".repeat(3000))));
    rows.add(row("prompt of 3001 chars", map("prompt", "a".repeat(3001)),
        v("input.prompt", ViolationCode.TOO_LONG, "at most 3000 are allowed: shorten it by 1")));
    rows.add(row("prompt of 3000 emoji (6000 UTF-16 chars)", map("prompt", EMOJI.repeat(3000))));
    rows.add(row("prompt of 3001 emoji", map("prompt", EMOJI.repeat(3001)),
        v("input.prompt", ViolationCode.TOO_LONG, "3001 characters long, but at most 3000")));
    rows.add(row("prompt a number", map("prompt", 42), v("input.prompt", ViolationCode.WRONG_TYPE, "must be a string, but was a number '42'")));
    rows.add(row("prompt null", map("prompt", null), v("input.prompt", ViolationCode.WRONG_TYPE, "must be a string, but was null")));
    rows.add(row("prompt a list", map("prompt", List.of("a")), v("input.prompt", ViolationCode.WRONG_TYPE, "must be a string, but was an array")));
    rows.add(row("prompt an object", map("prompt", map("text", "a")), v("input.prompt", ViolationCode.WRONG_TYPE, "must be a string, but was an object")));
    rows.add(row("prompt a boolean", map("prompt", true), v("input.prompt", ViolationCode.WRONG_TYPE, "must be a string, but was a boolean")));
    // aspect_ratio
    for (AspectRatio ratio : AspectRatio.values()) {
      rows.add(row("aspect_ratio " + ratio.wireValue(), prompted("aspect_ratio", ratio.wireValue())));
    }
    for (String bad : List.of("5:4", "16:10", "1:1 ", " 1:1", "", "1x1", "RATIO_1_1")) {
      rows.add(row("aspect_ratio '" + bad + "'", prompted("aspect_ratio", bad),
          v("input.aspect_ratio", ViolationCode.NOT_ALLOWED, "must be one of " + RATIOS)));
    }
    rows.add(row("aspect_ratio a number", prompted("aspect_ratio", 1.5), v("input.aspect_ratio", ViolationCode.WRONG_TYPE, "must be a string, but was a number")));
    rows.add(row("aspect_ratio null", prompted("aspect_ratio", null), v("input.aspect_ratio", ViolationCode.WRONG_TYPE, "must be a string, but was null")));
    // quality
    for (Quality quality : Quality.values()) {
      rows.add(row("quality " + quality.wireValue(), prompted("quality", quality.wireValue())));
    }
    for (String bad : List.of("ultra", "BASIC", "High", "2K", "")) {
      rows.add(row("quality '" + bad + "'", prompted("quality", bad),
          v("input.quality", ViolationCode.NOT_ALLOWED, "must be one of basic, high (basic = 2K, high = 4K)")));
    }
    rows.add(row("quality a number", prompted("quality", 4), v("input.quality", ViolationCode.WRONG_TYPE, "must be a string, but was a number")));
    // image_urls: count and type
    rows.add(row("0 images", prompted("image_urls", List.of())));
    rows.add(row("14 images", prompted("image_urls", urls(14))));
    rows.add(row("15 images", prompted("image_urls", urls(15)),
        v("input.image_urls[14]", ViolationCode.TOO_MANY, "at most 14 reference images are allowed, but 15 were given: remove 1")));
    rows.add(row("image_urls a string", prompted("image_urls", "https://img.example.com/a.png"),
        v("input.image_urls", ViolationCode.WRONG_TYPE, "must be an array of strings, but was a string")));
    rows.add(row("image_urls null", prompted("image_urls", null), v("input.image_urls", ViolationCode.WRONG_TYPE, "must be an array of strings, but was null")));
    rows.add(row("a number inside image_urls", prompted("image_urls", List.of("https://img.example.com/a.png", 7)),
        v("input.image_urls[1]", ViolationCode.WRONG_TYPE, "must be a string, but was a number")));
    rows.add(row("null inside image_urls", prompted("image_urls", Arrays.asList((Object) null)),
        v("input.image_urls[0]", ViolationCode.WRONG_TYPE, "must be a string, but was null")));
    // image_urls: URLs
    for (String good : List.of("http://img.example.com/a.png", "https://img.example.com/a.png?size=2&x=%20",
        "https://127.0.0.1:8443/a", "HTTPS://IMG.EXAMPLE.COM/A.PNG", PNG, "data:image/jpeg;base64,/9j/4AAQ",
        "data:image/svg+xml;base64,PHN2Zz4=")) {
      rows.add(row("valid url " + shorten(good), prompted("image_urls", List.of(good))));
    }
    for (String bad : List.of("images/a.png", "/a.png", "//img.example.com/a.png", "ftp://img.example.com/a.png",
        "http://", "https://", "https://img.example.com/a b.png", " https://img.example.com/a.png", "javascript:alert(1)",
        "file:///etc/passwd", "mailto:a@example.com", "")) {
      rows.add(row("invalid url '" + bad + "'", prompted("image_urls", List.of(bad)),
          v("input.image_urls[0]", ViolationCode.INVALID_URL, "must be an absolute http(s) URL or a data:image/...;base64, URI")));
    }
    for (String bad : List.of("data:image/png;base64,", "data:text/plain;base64,QUJD", "data:image/png,QUJD",
        "data:image/png;base64,@@@@", "data:image/png;base64,QUJD===", "data:;base64,QUJD", "data:image/png;base64,QU JD")) {
      rows.add(row("malformed data URI '" + bad + "'", prompted("image_urls", List.of(bad)),
          v("input.image_urls[0]", ViolationCode.INVALID_URL, "must have the form data:image/<type>;base64,<base64 data>")));
    }
    // unknown fields
    rows.add(row("resolution (from the old curl example)", prompted("resolution", "4K"),
        v("input.resolution", ViolationCode.UNKNOWN_FIELD, "known fields are " + FIELDS + " (for 2K or 4K, use quality: basic or high)")));
    rows.add(row("an unknown field", prompted("seed", 7), v("input.seed", ViolationCode.UNKNOWN_FIELD, "'seed' is not a field here; the known fields are " + FIELDS)));
    rows.add(row("a misspelt field", prompted("aspectRatio", "1:1"), v("input.aspectRatio", ViolationCode.UNKNOWN_FIELD, FIELDS)));
    // several at once, in field order (unknown fields last, in the order of the map)
    rows.add(row("all at once", map("zzz", 1, "image_urls", urls(15), "quality", "ultra", "aspect_ratio", 5, "prompt", "", "resolution", "2K"),
        v("input.prompt", ViolationCode.TOO_SHORT, "1 to 3000"),
        v("input.aspect_ratio", ViolationCode.WRONG_TYPE, "a string"),
        v("input.quality", ViolationCode.NOT_ALLOWED, "basic, high"),
        v("input.image_urls[14]", ViolationCode.TOO_MANY, "remove 1"),
        v("input.zzz", ViolationCode.UNKNOWN_FIELD, FIELDS),
        v("input.resolution", ViolationCode.UNKNOWN_FIELD, "use quality")));
    rows.add(row("bad urls reported by index, then the count", prompted("image_urls", withBadAt(urls(16), 3, 15)),
        v("input.image_urls[3]", ViolationCode.INVALID_URL, "absolute http(s) URL"),
        v("input.image_urls[15]", ViolationCode.INVALID_URL, "absolute http(s) URL"),
        v("input.image_urls[14]", ViolationCode.TOO_MANY, "but 16 were given: remove 2")));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputRows")
  void validateInputReportsExactlyTheExpectedViolations(String name, Map<String, Object> input, List<Expect> expected) {
    assertViolations(RequestValidator.validateInput(input), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputRows")
  void validateBodyReportsTheSameViolationsForItsInput(String name, Map<String, Object> input, List<Expect> expected) {
    assertViolations(RequestValidator.validateBody(map("model", GenerationRequest.MODEL, "input", input)), expected);
  }

  static Stream<Arguments> bodyRows() {
    Map<String, Object> ok = map("prompt", "a");
    return Stream.of(
        row("valid body", map("model", "bytedance/seedream-4.5", "input", ok)),
        row("model missing", map("input", ok), v("model", ViolationCode.REQUIRED, "set it to 'bytedance/seedream-4.5'")),
        row("another model", map("model", "bytedance/seedream-4.0", "input", ok),
            v("model", ViolationCode.WRONG_MODEL, "must be 'bytedance/seedream-4.5', but was 'bytedance/seedream-4.0'")),
        row("model a number", map("model", 45, "input", ok), v("model", ViolationCode.WRONG_TYPE, "must be a string, but was a number")),
        row("model null", map("model", null, "input", ok), v("model", ViolationCode.WRONG_TYPE, "must be a string, but was null")),
        row("input missing", map("model", GenerationRequest.MODEL), v("input", ViolationCode.REQUIRED, "an object with at least a prompt")),
        row("input a string", map("model", GenerationRequest.MODEL, "input", "a lamp"), v("input", ViolationCode.WRONG_TYPE, "must be an object, but was a string")),
        row("input a list", map("model", GenerationRequest.MODEL, "input", List.of(ok)), v("input", ViolationCode.WRONG_TYPE, "must be an object, but was an array")),
        row("unknown top-level field", map("model", GenerationRequest.MODEL, "input", ok, "webhook", "https://x.example.com"),
            v("webhook", ViolationCode.UNKNOWN_FIELD, "known fields are model, input")),
        row("empty body", map(), v("model", ViolationCode.REQUIRED, "bytedance/seedream-4.5"), v("input", ViolationCode.REQUIRED, "prompt")),
        row("model, input and top level at once", map("version", 2, "model", "x", "input", map("prompt", 1)),
            v("model", ViolationCode.WRONG_MODEL, "bytedance/seedream-4.5"),
            v("input.prompt", ViolationCode.WRONG_TYPE, "a string"),
            v("version", ViolationCode.UNKNOWN_FIELD, "model, input")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyRows")
  void validateBodyChecksTheWrapper(String name, Map<String, Object> body, List<Expect> expected) {
    assertViolations(RequestValidator.validateBody(body), expected);
  }

  @Test
  void anInlineImageOfExactlyTenMegabytesIsAcceptedAndOneByteMoreIsTooLarge() {
    long limit = GenerationRequest.MAX_IMAGE_BYTES;
    assertViolations(RequestValidator.validateInput(prompted("image_urls", List.of(dataUriOfBytes(limit)))), List.of());
    assertViolations(
        RequestValidator.validateInput(prompted("image_urls", List.of(PNG, dataUriOfBytes(limit + 1)))),
        List.of(v("input.image_urls[1]", ViolationCode.TOO_LARGE, "at most 10485760 (10 MB) are allowed: shrink it or pass a URL")));
  }

  @Test
  void theBuilderAcceptsAValidRequest() {
    GenerationRequest request = GenerationRequest.builder().prompt("a lamp").aspectRatio(AspectRatio.RATIO_21_9)
        .quality(Quality.HIGH).imageUrls(Collections.nCopies(14, PNG)).build();
    assertThat(RequestValidator.validate(request).isValid()).isTrue();
  }

  @Test
  void theBuilderThrowsOneExceptionListingEveryViolation() {
    List<String> images = new ArrayList<>();
    urls(15).forEach(u -> images.add((String) u));
    images.set(2, "ftp://img.example.com/a.png");
    GenerationRequest.Builder builder = GenerationRequest.builder().prompt("   ").imageUrls(images);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.violations()).extracting(Violation::path, Violation::code).containsExactly(
              org.assertj.core.groups.Tuple.tuple("input.prompt", ViolationCode.BLANK),
              org.assertj.core.groups.Tuple.tuple("input.image_urls[2]", ViolationCode.INVALID_URL),
              org.assertj.core.groups.Tuple.tuple("input.image_urls[14]", ViolationCode.TOO_MANY));
          assertThat(e.getMessage()).startsWith("invalid request, nothing was sent (3 problems):");
          for (Violation violation : e.violations()) {
            assertThat(e.getMessage()).contains("\n  - " + violation);
          }
        });
  }

  @Test
  void theBuilderWithoutAPromptSaysItIsRequired() {
    assertThatThrownBy(() -> GenerationRequest.builder().build())
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.violations()).extracting(Violation::path, Violation::code)
              .containsExactly(org.assertj.core.groups.Tuple.tuple("input.prompt", ViolationCode.REQUIRED));
          assertThat(e.getMessage()).contains("(1 problem):").contains("input.prompt [required]: prompt is required");
        });
  }

  @Test
  void theBuilderRejectsEachRuleLikeTheRawValidator() {
    assertThatThrownBy(() -> GenerationRequest.builder().prompt("a".repeat(3001)).build())
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).extracting(Violation::code).containsExactly(ViolationCode.TOO_LONG));
    assertThatThrownBy(() -> GenerationRequest.builder().prompt("a").addImageUrl("data:image/png;base64,").build())
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).extracting(Violation::code).containsExactly(ViolationCode.INVALID_URL));
    assertThat(GenerationRequest.builder().prompt(EMOJI.repeat(3000)).build().prompt()).hasSize(6000);
  }

  @Test
  void violationsAreValuesWithAReadableForm() {
    Violation violation = RequestValidator.validateInput(map("prompt", "")).violations().get(0);
    assertThat(violation.toString()).startsWith("input.prompt [too_short]: prompt is empty");
    assertThat(violation).isEqualTo(Violation.of(violation.path(), violation.code(), violation.message()))
        .hasSameHashCodeAs(Violation.of(violation.path(), violation.code(), violation.message()));
    assertThat(RequestValidator.validateInput(map("prompt", "a")).toString()).isEqualTo("valid");
  }

  @Test
  void everyViolationCodeHasAStableLowerCaseId() {
    assertThat(ViolationCode.values()).extracting(ViolationCode::id).containsExactly(
        "required", "wrong_type", "too_short", "too_long", "blank", "not_allowed", "too_many",
        "invalid_url", "too_large", "unknown_field", "wrong_model");
  }

  static void assertViolations(ValidationResult result, List<Expect> expected) {
    assertThat(result.isValid()).as("valid, violations: %s", result.violations()).isEqualTo(expected.isEmpty());
    assertThat(result.violations()).extracting(Violation::path, Violation::code)
        .as("violations in order")
        .containsExactlyElementsOf(expected.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.path(), e.code())).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(result.violations().get(i).message()).contains(expected.get(i).messageFragment());
    }
  }

  /** A data URI whose payload decodes to exactly {@code bytes} bytes (padded base64). */
  static String dataUriOfBytes(long bytes) {
    long groups = bytes / 3;
    int rest = (int) (bytes % 3);
    StringBuilder out = new StringBuilder("data:image/png;base64,");
    out.append("AAAA".repeat((int) groups));
    if (rest == 1) {
      out.append("AA==");
    } else if (rest == 2) {
      out.append("AAA=");
    }
    return out.toString();
  }

  static List<Object> withBadAt(List<Object> urls, int... indexes) {
    List<Object> out = new ArrayList<>(urls);
    for (int i : indexes) {
      out.set(i, "not a url");
    }
    return out;
  }

  static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
