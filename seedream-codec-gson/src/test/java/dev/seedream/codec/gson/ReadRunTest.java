package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.RunError;
import dev.seedream.RunStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link GsonJsonCodec#readRun} reads runs and rejects what is not one; {@link SkimmedReadRunTest} runs the same cases through the skimmer. */
class ReadRunTest {
  protected final GsonJsonCodec codec = new GsonJsonCodec();

  private Run read(String json) {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The run in a body, as the test's way of reading gives it. */
  protected Run read(byte[] body) {
    return codec.readRun(body);
  }

  @Test
  void readsASucceededRunWithEverything() {
    Run run =
        read(
            "{\"id\":\"run_1\",\"status\":\"succeeded\",\"model\":\"bytedance/seedream-4.5\","
                + "\"output\":{\"urls\":[\"https://cdn.example/a.png\",\"https://cdn.example/b.png\"]},"
                + "\"error\":null,\"created_at\":\"2025-01-02T03:04:05Z\",\"started_at\":1735787046,"
                + "\"completed_at\":1735787047500}");

    assertThat(run.id().value()).isEqualTo("run_1");
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.outputUrls())
        .containsExactly(URI.create("https://cdn.example/a.png"), URI.create("https://cdn.example/b.png"));
    assertThat(run.error()).isEmpty();
    assertThat(run.model()).contains("bytedance/seedream-4.5");
    assertThat(run.createdAt()).contains(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(run.startedAt()).contains(Instant.parse("2025-01-02T03:04:06Z"));
    assertThat(run.completedAt()).contains(Instant.parse("2025-01-02T03:04:07.500Z"));
  }

  @Test
  void readsAPendingRunWithoutOutput() {
    Run run = read("{\"id\":\"r\",\"status\":\"pending\"}");

    assertThat(run.status()).isEqualTo(RunStatus.PENDING);
    assertThat(run.outputUrls()).isEmpty();
    assertThat(run.createdAt()).isEmpty();
    assertThat(run.model()).isEmpty();
  }

  @Test
  void readsNullOutputAndNullUrlsAsNoOutput() {
    assertThat(read("{\"id\":\"r\",\"status\":\"processing\",\"output\":null}").outputUrls()).isEmpty();
    assertThat(read("{\"id\":\"r\",\"status\":\"processing\",\"output\":{\"urls\":null}}").outputUrls()).isEmpty();
    assertThat(read("{\"id\":\"r\",\"status\":\"processing\",\"output\":{}}").outputUrls()).isEmpty();
  }

  @Test
  void keepsAnUnknownStatusVerbatim() {
    Run run = read("{\"id\":\"r\",\"status\":\"Queued-Again\"}");

    assertThat(run.status().value()).isEqualTo("Queued-Again");
    assertThat(run.status().isKnown()).isFalse();
    assertThat(run.isTerminal()).isFalse();
  }

  @Test
  void skipsUnknownFieldsAtAnyDepth() {
    Run run =
        read(
            "{\"cost\":{\"amount\":0.04,\"tags\":[1,[2,{\"x\":[null,true]}]]},\"id\":\"r\",\"input\":{\"prompt\":\"p\"},"
                + "\"status\":\"succeeded\",\"output\":{\"seed\":7,\"urls\":[\"https://c.example/x.png\"],"
                + "\"meta\":{\"w\":[2048]}},\"extra\":null}");

    assertThat(run.id().value()).isEqualTo("r");
    assertThat(run.outputUrls()).containsExactly(URI.create("https://c.example/x.png"));
  }

  @Test
  void readsAnErrorObject() {
    Run run = read("{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"NSFW\",\"code\":\"content_policy\",\"x\":1}}");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains(RunError.of("NSFW", "content_policy"));
  }

  @Test
  void readsAnErrorString() {
    Run run = read("{\"id\":\"r\",\"status\":\"failed\",\"error\":\"worker crashed\"}");

    assertThat(run.error()).contains(RunError.of("worker crashed", null));
  }

  @Test
  void readsAnErrorObjectWithoutMessage() {
    Run run = read("{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"code\":500}}");

    assertThat(run.error()).hasValueSatisfying(error -> assertThat(error.code()).contains("500"));
    assertThat(run.error().orElseThrow().message()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2025-01-02T03:04:05Z\"         | 2025-01-02T03:04:05Z",
        "\"2025-01-02T03:04:05.123Z\"     | 2025-01-02T03:04:05.123Z",
        "\"2025-01-02T05:04:05+02:00\"    | 2025-01-02T03:04:05Z",
        "1735787045                      | 2025-01-02T03:04:05Z",
        "1735787045.25                   | 2025-01-02T03:04:05.250Z",
        "1735787045123                   | 2025-01-02T03:04:05.123Z",
        "0                               | 1970-01-01T00:00:00Z",
      })
  void readsTimestampsAsIsoStringsOrEpochNumbers(String json, String expected) {
    assertThat(read("{\"id\":\"r\",\"status\":\"pending\",\"created_at\":" + json + "}").createdAt())
        .contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"yesterday\"", "\"\"", "null", "true", "{\"s\":1}", "[1]", "1e400", "-1e400", "1e999999999",
        "1e-999999999", "99999999999999999999999999", "\"2025-13-45T99:00:00Z\""
      })
  void ignoresAnUnreadableTimestamp(String json) {
    Run run = read("{\"id\":\"r\",\"status\":\"pending\",\"started_at\":" + json + ",\"completed_at\":" + json + "}");

    assertThat(run.id().value()).isEqualTo("r");
    assertThat(run.startedAt()).isEmpty();
    assertThat(run.completedAt()).isEmpty();
  }

  @Test
  void ignoresAModelThatIsNotAString() {
    assertThat(read("{\"id\":\"r\",\"status\":\"pending\",\"model\":{\"name\":\"x\"}}").model()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"status\":\"pending\"}                          | \"id\" is missing",
        "{\"id\":null,\"status\":\"pending\"}              | \"id\" must be a string, but was null",
        "{\"id\":42,\"status\":\"pending\"}                | \"id\" must be a string, but was a number",
        "{\"id\":\"a/b\",\"status\":\"pending\"}           | \"id\" is unusable",
        "{\"id\":\"\",\"status\":\"pending\"}              | \"id\" is unusable",
        "{\"id\":\"r\"}                                    | \"status\" is missing",
        "{\"id\":\"r\",\"status\":\" \"}                   | \"status\" is blank",
        "{\"id\":\"r\",\"status\":[\"pending\"]}           | \"status\" must be a string, but was an array",
        "{\"id\":\"r\",\"status\":\"ok\",\"output\":[]}    | \"output\" must be an object",
        "{\"id\":\"r\",\"status\":\"ok\",\"output\":{\"urls\":\"https://a.b/c\"}} | \"output.urls\" must be an array",
        "{\"id\":\"r\",\"status\":\"ok\",\"output\":{\"urls\":[1]}}               | output.urls[0] must be a URL string",
        "{\"id\":\"r\",\"status\":\"ok\",\"error\":42}     | \"error\" must be an object, a string or null",
        "[]                                                | expected a JSON object, but the body holds an array",
        "\"run\"                                           | expected a JSON object, but the body holds a string",
        "{\"id\":\"r\",\"status\":\"pending\"} {}          | more content after the run object",
        "{\"id\":\"r\",\"status\":\"pending\"             | truncated",
        "{\"id\":\"r\",\"status\":                        | truncated",
        "{\"id\":\"r\",\"status\":\"pend                   | malformed",
        "{\"id\":\"r\" \"status\":\"pending\"}             | malformed",
        "{'id':'r','status':'pending'}                     | malformed",
        "<html><body>502 Bad Gateway</body></html>         | malformed",
      })
  void rejectsWhatIsNotARunNamingWhatWasWrong(String json, String expected) {
    assertThatThrownBy(() -> read(json))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("the answer is not a run")
        .hasMessageContaining(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "/relative/path.png", "ftp://cdn.example/a.png", "https://", "https://exa mple.com/a"})
  void rejectsAnOutputUrlThatCannotBeDownloadedNamingIt(String url) {
    assertThatThrownBy(() -> read("{\"id\":\"r\",\"status\":\"succeeded\",\"output\":{\"urls\":[\"https://ok.example/1.png\",\"" + url + "\"]}}"))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("output.urls[1]")
        .hasMessageContaining(url);
  }

  @Test
  void rejectsAnEmptyBody() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void skipsAnUnknownFieldNested200Deep() {
    String deep = "{\"x\":" + "[{\"a\":".repeat(100) + "1" + "}]".repeat(100) + ",\"id\":\"r\",\"status\":\"pending\"}";

    assertThat(read(deep).id().value()).isEqualTo("r");
  }

  @Test
  void rejectsDeeplyNestedJunkWithoutOverflowingTheStack() {
    String deep = "{\"id\":\"r\",\"status\":\"pending\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThatThrownBy(() -> read(deep))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void keepsAnExcerptOfALongBadUrlShortAndPrintable() {
    String url = "bad\\u0007" + "x".repeat(10_000);

    assertThatThrownBy(() -> read("{\"id\":\"r\",\"status\":\"succeeded\",\"output\":{\"urls\":[\"" + url + "\"]}}"))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\u0007"));
  }

  @Test
  void readsTheSameRunTwiceEqually() {
    String json = "{\"id\":\"r\",\"status\":\"succeeded\",\"output\":{\"urls\":[\"https://c.example/x.png\"]}}";

    assertThat(read(json)).isEqualTo(read(json));
    assertThat(read(json).outputUrls()).isEqualTo(List.of(URI.create("https://c.example/x.png")));
  }
}
