package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {
  @TempDir Path dir;

  @Test
  void generateWithTheFakeWritesAPngOfTheRequestedAspectRatio() throws Exception {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "A cinematic product photo of a ceramic lamp", "-a", "16:9", "--out", "out/");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String[] lines = result.out().strip().split("\n");
    assertThat(lines).hasSize(1);
    assertThat(lines[0]).startsWith("out" + java.io.File.separator).endsWith(".png");
    Png png = Png.read(dir.resolve(lines[0]));
    assertThat(png.ratio()).isCloseTo(16.0 / 9.0, within(0.03));
    assertThat(result.err()).contains(": submitted").contains(": succeeded after");
    assertThat(result.all()).as("the fake's key is never printed").doesNotContain("sk-");
  }

  @Test
  void eachFakeRunHasItsOwnIdSoASecondRunDoesNotOverwriteTheFirst() throws Exception {
    Cli.Result first = Cli.in(dir).run("generate", "--fake", "a lamp", "-o", "out");
    Cli.Result second = Cli.in(dir).run("generate", "--fake", "a lamp", "-o", "out");

    assertThat(first.out()).isNotEqualTo(second.out());
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void theReactorTransportDoesTheSame() throws Exception {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "a lamp", "-a", "21:9", "--transport", "reactor", "-o", "out");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Png.read(dir.resolve(result.out().strip())).ratio()).isCloseTo(21.0 / 9.0, within(0.05));
  }

  @Test
  void anUnknownTransportIsAUsageError() {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "a lamp", "--transport", "okhttp");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("must be apache or reactor, but was 'okhttp'");
  }

  @Test
  void jsonOutputIsOneObjectWithIdStatusUrlsAndFiles() {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "--prompt", "a lamp", "-a", "3:4", "-q", "high", "--json", "-o", "imgs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonObject json = JsonParser.parseString(result.out().strip()).getAsJsonObject();
    assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
    assertThat(json.get("id").getAsString()).isNotBlank();
    assertThat(json.getAsJsonArray("urls")).hasSize(1);
    assertThat(json.getAsJsonArray("urls").get(0).getAsString()).startsWith("http://127.0.0.1:");
    assertThat(json.getAsJsonArray("files")).hasSize(1);
    Path file = dir.resolve(json.getAsJsonArray("files").get(0).getAsString());
    assertThat(file).exists().hasParent(dir.resolve("imgs"));
    assertThat(file.getFileName().toString()).startsWith(json.get("id").getAsString());
  }

  @Test
  void noDownloadPrintsTheUrlsAndWritesNothing() throws Exception {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "a lamp", "--no-download");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).startsWith("http://127.0.0.1:").doesNotContain("\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void everyViolationIsPrintedWithItsPathAndNothingIsSent() throws Exception {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "  ", "-a", "5:4", "-q", "ultra", "-i", "ftp://x/y.png");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains("input.prompt [blank]")
        .contains("input.aspect_ratio [not_allowed]")
        .contains("input.quality [not_allowed]")
        .contains("input.image_urls[0] [invalid_url]")
        .doesNotContain("submitted");
    assertThat(result.out()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aMissingPromptIsAViolationToo() {
    Cli.Result result = Cli.in(dir).run("generate", "--fake");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("input.prompt [required]");
  }

  @Test
  void withoutAKeyOneLineSaysHowToSetItOrTryTheFake() {
    Cli.Result result = Cli.in(dir).run("generate", "a lamp");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("RUNBASE_API_KEY is not set").contains("export RUNBASE_API_KEY=").contains("--fake");
  }

  @Test
  void onATerminalALiveLineShowsStatusPollsBudgetWaitsAndTheDownload() {
    Cli.Result result = Cli.in(dir).terminal().run("generate", "--fake", "a lamp");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .contains("\r\033[K")
        .contains(" polls")
        .contains("waits for the rate budget")
        .contains("download [####################] 1/1");
    assertThat(result.err()).endsWith("\r\033[K");
    assertThat(result.all()).doesNotContain("sk-");
  }

  @Test
  void onATerminalTheLinesThatStayHoldTheRunIdWhenItIsCreatedAndWhenItEnds() {
    Cli.Result result = Cli.in(dir).terminal().run("generate", "--fake", "a lamp");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String id = Path.of(result.out().strip()).getFileName().toString().replaceAll("-1\\.png$", "");
    List<String> staying = new ArrayList<>();
    List<String> rows = List.of(result.err().split("\n", -1));
    for (String row : rows.subList(0, rows.size() - 1)) {
      staying.add(row.substring(row.lastIndexOf("\r\033[K") + 1).replace("\033[K", ""));
    }
    assertThat(staying).hasSize(2);
    assertThat(staying.get(0)).isEqualTo(id + ": submitted");
    assertThat(staying.get(1)).matches(java.util.regex.Pattern.quote(id) + ": succeeded after \\d+\\.\\ds");
    String last = rows.get(rows.size() - 1);
    assertThat(last.substring(last.lastIndexOf("\r\033[K"))).as("the live line is cleared at the end").isEqualTo("\r\033[K");
  }

  @Test
  void aBadDurationIsAUsageError() {
    Cli.Result result = Cli.in(dir).run("generate", "--fake", "a lamp", "--timeout", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--timeout").contains("90s");
  }
}
