package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.validation.ValidationResult;
import dev.seedream.validation.Violation;
import dev.seedream.validation.ViolationCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ValidationExamplesTest {
  @Test
  void theTypedRequestReportsBothRulesAsTheGuideShows() {
    StdStreams[] streams = new StdStreams[1];
    List<Violation> violations = StdStreams.capture(ValidationExamples::typedRequest, streams);
    assertThat(violations).extracting(Violation::path, Violation::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("input.prompt", ViolationCode.BLANK),
            org.assertj.core.groups.Tuple.tuple("input.image_urls[0]", ViolationCode.INVALID_URL));
    assertThat(streams[0].out.lines().toList()).containsExactly(
        "input.prompt [blank]: prompt holds only whitespace: describe the image",
        "input.image_urls[0] [invalid_url]: must be an absolute http(s) URL or a data:image/...;base64, URI,"
            + " but was 'ftp://example.com/lamp.png'");
  }

  @Test
  void theRawInputPrintsPathCodeAndMessageAsTheGuideShows() {
    StdStreams[] streams = new StdStreams[1];
    ValidationResult result = StdStreams.capture(ValidationExamples::rawInput, streams);
    assertThat(result.isValid()).isFalse();
    assertThat(streams[0].out.lines().toList()).containsExactly(
        "input.aspect_ratio not_allowed: aspect_ratio must be one of 1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 21:9,"
            + " but was '5:4'",
        "input.image_urls[1] wrong_type: image_urls[1] must be a string, but was a number '42'",
        "input.resolution unknown_field: 'resolution' is not a field here; the known fields are prompt,"
            + " aspect_ratio, quality, image_urls (for 2K or 4K, use quality: basic or high)");
  }

  @Test
  void aWholeBodyIsCheckedModelAndInputTogether() {
    StdStreams[] streams = new StdStreams[1];
    ValidationResult bad = StdStreams.capture(
        () -> ValidationExamples.body("{\"model\": \"bytedance/seedream-4.0\", \"input\": {\"prompt\": \"x\", \"quality\": \"ultra\"}}"),
        streams);
    assertThat(bad.violations()).extracting(Violation::path, v -> v.code().id())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("model", "wrong_model"),
            org.assertj.core.groups.Tuple.tuple("input.quality", "not_allowed"));
    assertThat(streams[0].err).contains("input.quality [not_allowed]: quality must be one of");

    ValidationResult good = ValidationExamples.body(
        "{\"model\": \"bytedance/seedream-4.5\", \"input\": {\"prompt\": \"A lamp\", \"image_urls\": [\"https://example.com/a.png\"]}}");
    assertThat(good.isValid()).isTrue();
  }
}
