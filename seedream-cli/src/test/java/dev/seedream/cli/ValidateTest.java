package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateTest {
  @TempDir Path dir;

  @Test
  void aValidCreateBodyPasses() throws Exception {
    Files.writeString(dir.resolve("body.json"),
        "{\"model\": \"bytedance/seedream-4.5\", \"input\": {\"prompt\": \"a lamp\", \"aspect_ratio\": \"21:9\"}}");

    Cli.Result result = Cli.in(dir).run("validate", "body.json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("body.json: a valid create body");
  }

  @Test
  void everyViolationOfAnInvalidBodyIsPrintedWithPathAndCode() throws Exception {
    Files.writeString(dir.resolve("bad.json"),
        "{\"model\": \"other/model\", \"input\": {\"prompt\": \"\", \"quality\": \"ultra\", \"resolution\": \"4K\","
            + " \"image_urls\": [\"not a url\", 3]}}");

    Cli.Result result = Cli.in(dir).run("validate", "bad.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out().lines()).containsExactly(
        "model [wrong_model]: model must be 'bytedance/seedream-4.5', but was 'other/model'",
        "input.prompt [too_short]: prompt is empty: describe the image in 1 to 3000 characters",
        "input.quality [not_allowed]: quality must be one of basic, high (basic = 2K, high = 4K), but was 'ultra'",
        "input.image_urls[0] [invalid_url]: must be an absolute http(s) URL or a data:image/...;base64, URI, but was 'not a url'",
        "input.image_urls[1] [wrong_type]: image_urls[1] must be a string, but was a number '3.0'",
        "input.resolution [unknown_field]: 'resolution' is not a field here; the known fields are prompt, aspect_ratio,"
            + " quality, image_urls (for 2K or 4K, use quality: basic or high)");
    assertThat(result.err()).contains("bad.json: not a valid create body (6 problems)");
  }

  @Test
  void anInputObjectIsReadFromStandardInput() {
    Cli.Result valid = Cli.in(dir).stdin("{\"prompt\": \"a lamp\", \"quality\": \"high\"}").run("validate", "-");
    Cli.Result invalid = Cli.in(dir).stdin("{\"aspect_ratio\": \"4:5\"}").run("validate", "-");

    assertThat(valid.exitCode()).isZero();
    assertThat(valid.out()).contains("standard input: a valid input object");
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.out()).contains("input.prompt [required]").contains("input.aspect_ratio [not_allowed]");
  }

  @Test
  void textThatIsNotAJsonObjectIsInvalidInput() {
    Cli.Result broken = Cli.in(dir).stdin("{\"prompt\": ").run("validate", "-");
    Cli.Result array = Cli.in(dir).stdin("[1, 2]").run("validate", "-");
    Cli.Result missing = Cli.in(dir).run("validate", "missing.json");

    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err()).contains("error: standard input is not valid JSON");
    assertThat(array.exitCode()).isEqualTo(2);
    assertThat(array.err()).contains("must be a JSON object");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read missing.json");
  }
}
