package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {
  @TempDir Path dir;

  @Test
  void tenLinesWithOneBadLineRunTheNineAndReportTheBadOneByItsLineNumber() throws Exception {
    Files.writeString(dir.resolve("prompts.txt"), String.join("\n",
        "a ceramic lamp",
        "{\"prompt\": \"a red chair\", \"aspect_ratio\": \"16:9\"}",
        "a blue vase",
        "{\"prompt\": \"a green door\", \"aspect_ratio\": \"5:4\"}",
        "# a comment, skipped",
        "a teapot",
        "{\"prompt\": \"a bicycle\", \"quality\": \"high\"}",
        "",
        "a lighthouse",
        "a cactus",
        "{\"prompt\": \"a kite\", \"aspect_ratio\": \"9:16\"}",
        "a violin"));

    Cli.Result result = Cli.in(dir).run("batch", "prompts.txt", "--fake", "--concurrency", "4", "--out", "out");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    List<String> files = result.out().lines().collect(Collectors.toList());
    assertThat(files).hasSize(9).allSatisfy(file -> assertThat(dir.resolve(file)).exists());
    try (Stream<Path> written = Files.list(dir.resolve("out"))) {
      assertThat(written.filter(f -> f.toString().endsWith(".png"))).hasSize(9);
    }
    assertThat(result.err()).contains("line 4: invalid request").contains("input.aspect_ratio [not_allowed]");
    List<String> table = result.err().lines().dropWhile(l -> !l.startsWith("LINE")).collect(Collectors.toList());
    assertThat(table.get(0)).matches("LINE\\s+ID\\s+STATUS\\s+SECONDS\\s+FILES");
    assertThat(table).hasSize(11);
    assertThat(table.stream().filter(l -> l.contains(" succeeded "))).hasSize(9);
    assertThat(table).anySatisfy(l -> assertThat(l).matches("4\\s+-\\s+invalid\\s+-\\s+-"));
    Png wide = Png.read(dir.resolve(files.stream().filter(f -> table.get(2).contains(Path.of(f).getFileName().toString()))
        .findFirst().orElseThrow()));
    assertThat(wide.width).isGreaterThan(wide.height);
  }

  @Test
  void jsonLinesFromStandardInputGiveOneObjectPerRunAndExitZero() {
    String lines = "{\"prompt\": \"a lamp\"}\n{\"prompt\": \"a chair\", \"quality\": \"basic\"}\na vase\n";

    Cli.Result result = Cli.in(dir).stdin(lines).run("batch", "-", "--fake", "--json", "-o", "out");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<JsonObject> runs = result.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
    assertThat(runs).hasSize(3).allSatisfy(run -> {
      assertThat(run.get("status").getAsString()).isEqualTo("succeeded");
      assertThat(run.getAsJsonArray("urls")).hasSize(1);
      assertThat(run.getAsJsonArray("files")).hasSize(1);
    });
    assertThat(runs.stream().map(r -> r.get("id").getAsString()).distinct()).hasSize(3);
  }

  @Test
  void aFileOfOnlyBadLinesNeedsNoKeyAndExitsTwo() throws Exception {
    Files.writeString(dir.resolve("bad.txt"), "{\"prompt\": 3}\n{not json\n");

    Cli.Result result = Cli.in(dir).run("batch", "bad.txt");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains("line 1: invalid request").contains("input.prompt [wrong_type]")
        .contains("line 2: this line is not valid JSON")
        .doesNotContain("RUNBASE_API_KEY");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aFileWithoutPromptsIsInvalidInput() throws Exception {
    Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n\n");

    Cli.Result result = Cli.in(dir).run("batch", "empty.txt", "--fake");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("empty.txt holds no prompts");
  }

  @Test
  void aMissingFileIsInvalidInput() {
    Cli.Result result = Cli.in(dir).run("batch", "nope.txt", "--fake");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("cannot read the batch file nope.txt");
  }

  @Test
  void concurrencyMustBeSensible() {
    Cli.Result result = Cli.in(dir).run("batch", "x.txt", "--fake", "--concurrency", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--concurrency must be between 1 and 64, but was 0");
  }
}
