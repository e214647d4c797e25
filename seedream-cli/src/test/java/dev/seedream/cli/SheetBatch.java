package dev.seedream.cli;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One batch with every kind of card, against a fake the caller owns: four lines that succeed (one
 * prompt full of HTML), one run that fails, one create that the server refuses with a message made
 * of HTML, one line that is not a valid request. The report goes to {@code report/sheet.html}, the
 * images to {@code out/}, so the page links to them through {@code ../out/}.
 */
final class SheetBatch {
  /** What the server answers the fifth create: HTML that would run, were it not escaped. */
  static final String HOSTILE = "<script>document.title='injected'</script><img src=x onerror=\"document.title='injected'\">";
  static final String HTML_PROMPT = "a teapot & \"friends\" <b>bold</b>";
  static final List<String> LINES = List.of(
      "{\"prompt\": \"a ceramic lamp\", \"aspect_ratio\": \"16:9\"}",
      "{\"prompt\": \"a tall lighthouse\", \"aspect_ratio\": \"9:16\", \"quality\": \"high\"}",
      "a red chair",
      "{\"prompt\": \"a broken vase\", \"aspect_ratio\": \"4:3\"}",
      "{\"prompt\": \"a kite\", \"aspect_ratio\": \"21:9\"}",
      "{\"prompt\": \"a door\", \"aspect_ratio\": \"7:5\"}",
      HTML_PROMPT);
  /** The aspect ratio of each line that succeeds, by line number. */
  static final java.util.Map<Integer, Double> RATIOS = java.util.Map.of(1, 16.0 / 9, 2, 9.0 / 16, 3, 1.0, 7, 1.0);

  private SheetBatch() {}

  /** A fake for the batch: quick runs, no rate limit, lines with "broken" fail. */
  static FakeRunbase fake() {
    return FakeRunbase.builder().progression(Progression.afterPolls(1, 0)).noRateLimit().failWhenPromptContains("broken").start();
  }

  /** Runs the batch in {@code dir}: the fake is reset first, and its fifth create refused with {@link #HOSTILE}. */
  static Cli.Result run(FakeRunbase fake, Path dir) throws IOException {
    fake.reset();
    fake.injectAfter(Endpoint.CREATE, 4, 1, Failure.error(RunbaseError.INVALID_INPUT, HOSTILE));
    Files.writeString(dir.resolve("prompts.txt"), String.join("\n", LINES) + "\n");
    return again(fake, dir);
  }

  /** The same command again, without touching the fake. */
  static Cli.Result again(FakeRunbase fake, Path dir) {
    return Cli.in(dir).env("RUNBASE_API_KEY", fake.apiKey()).tuning(Cli.FAST)
        .run("batch", "prompts.txt", "--base-url", fake.baseUrl(), "--concurrency", "1", "--out", "out", "--report", "report/sheet.html");
  }
}
