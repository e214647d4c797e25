package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, point 2: a batch keeps a journal, and the same command again resumes instead of paying twice. */
class BatchResumeJarIT {
  private static final List<String> SIX = List.of("a lamp", "a chair", "a vase", "a kite", "a teapot", "a violin");

  @RegisterExtension static final FakeServerPerClass server = FakeServerPerClass.with("--duration", "2s");

  @TempDir Path dir;

  @Test
  void aBatchWhoseServerDiesAfterTheFourthOfSixCreatesThenARerunBillsSixRunsAndEndsWithSixImages() throws Exception {
    Files.write(dir.resolve("prompts.txt"), SIX);
    List<String> args = List.of("batch", "prompts.txt", "--concurrency", "2", "--out", "out", "--timeout", "8s");

    JarProcess first = JarProcess.start(dir, fake().env(), args);
    await().atMost(JarProcess.HUNG).pollInterval(Duration.ofMillis(20)).until(() -> fake().runs().size() >= 4);
    fake().outage();
    JarProcess.Output died = first.finish();
    fake().restore();

    assertThat(fake().runs()).as("the fake died after the fourth create").hasSize(4);
    assertThat(died.exitCode()).as(died.toString()).isEqualTo(7);
    String continueWith = died.err().lines().filter(l -> l.contains("continue with: ")).findFirst().orElseThrow();
    assertThat(continueWith).endsWith("continue with: seedream batch prompts.txt --concurrency 2 --out out --timeout 8s");
    List<String[]> table = table(died.err());
    assertThat(table).hasSize(6);
    assertThat(table.subList(0, 4)).allSatisfy(row -> assertThat(row[1]).startsWith("run_"));
    assertThat(table.subList(4, 6)).allSatisfy(row -> assertThat(row[1]).isEqualTo("-"));

    JarProcess.Output rerun = JarProcess.start(dir, fake().env(), words(continueWith.substring(continueWith.indexOf("seedream batch") + 9))).finish();

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(fake().runs()).as("runs billed in total").hasSize(6);
    assertThat(pngs(dir.resolve("out"))).hasSize(6);
    List<String[]> done = table(rerun.err());
    assertThat(done).hasSize(6).allSatisfy(row -> assertThat(row[2]).isEqualTo("succeeded"));
    assertThat(done.stream().map(row -> row[1]).distinct()).hasSize(6);
    for (int i = 0; i < 4; i++) {
      assertThat(done.get(i)[1]).as("line %d keeps its run", i + 1).isEqualTo(table.get(i)[1]);
    }
    assertThat(done.get(0)[3]).as("line 1 was done by the first batch").isEqualTo("earlier");
    assertThat(rerun.out().lines()).hasSize(6);
  }

  @Test
  void aCreateWithoutAnAnswerIsNotSentAgainUnlessRetryUnknownIsGiven() throws Exception {
    Files.write(dir.resolve("prompts.txt"), SIX.subList(0, 3));
    fake().inject("{\"endpoint\": \"create\", \"fault\": \"EMPTY_RESPONSE\", \"afterHandling\": true}");

    JarProcess.Output first = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--concurrency", "1", "--out", "out");

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(9);
    assertThat(fake().runs()).as("the lost answer's run was created and billed").hasSize(3);
    assertThat(table(first.err()).get(0)).containsExactly("1", "?", "unknown", "-", "-");
    assertThat(first.err()).contains("line 1: the create may have reached Runbase without an answer")
        .contains("seedream batch prompts.txt --concurrency 1 --out out --retry-unknown");

    JarProcess.Output again = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--concurrency", "1", "--out", "out");

    assertThat(again.exitCode()).as(again.toString()).isEqualTo(9);
    assertThat(fake().runs()).as("nothing created again").hasSize(3);
    assertThat(table(again.err()).get(0)).containsExactly("1", "?", "unknown", "-", "-");
    assertThat(table(again.err()).subList(1, 3)).allSatisfy(row -> assertThat(row[3]).isEqualTo("earlier"));

    JarProcess.Output retried = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--concurrency", "1", "--out", "out", "--retry-unknown");

    assertThat(retried.exitCode()).as(retried.toString()).isZero();
    assertThat(fake().runs()).as("line 1 created again, on request").hasSize(4);
    assertThat(pngs(dir.resolve("out"))).hasSize(3);
  }

  @Test
  void aChangedLineIsANewLineAndJsonCarriesEveryLinesRunId() throws Exception {
    Files.write(dir.resolve("prompts.txt"), SIX.subList(0, 3));
    JarProcess.Output first = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--out", "out", "--json");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<JsonObject> before = json(first.out());

    Files.write(dir.resolve("prompts.txt"), List.of("# a comment moves every line down", "a lamp", "a red chair", "a vase"));
    JarProcess.Output second = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--out", "out", "--json");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(fake().runs()).as("only the changed line is created").hasSize(4);
    List<JsonObject> after = json(second.out());
    assertThat(after).extracting(line -> line.get("line").getAsInt()).containsExactly(2, 3, 4);
    assertThat(after).allSatisfy(line -> {
      assertThat(line.get("status").getAsString()).isEqualTo("succeeded");
      assertThat(line.get("id").getAsString()).startsWith("run_");
      assertThat(line.getAsJsonArray("files")).hasSize(1);
    });
    assertThat(after.get(0).get("id")).isEqualTo(before.get(0).get("id"));
    assertThat(after.get(2).get("id")).isEqualTo(before.get(2).get("id"));
    assertThat(after.get(1).get("id")).isNotEqualTo(before.get(1).get("id"));
    List<String> journal = Files.readAllLines(dir.resolve("out").resolve("seedream-batch.jsonl"));
    assertThat(journal).allSatisfy(record -> assertThat(JsonParser.parseString(record).getAsJsonObject().keySet())
        .contains("at", "line", "request", "occurrence", "status"));
    assertThat(journal.stream().filter(r -> r.contains("\"status\":\"sending\""))).hasSize(4);
  }

  /** The rows of the summary table on standard error, split into columns. */
  static List<String[]> table(String err) {
    return err.lines().dropWhile(l -> !l.startsWith("LINE")).skip(1).map(l -> l.split("\\s+"))
        .takeWhile(row -> row.length == 5 && row[0].matches("\\d+")).collect(Collectors.toList());
  }

  static List<Path> pngs(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".png")).collect(Collectors.toList());
    }
  }

  private static List<JsonObject> json(String out) {
    return out.lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
  }

  /** A command line as printed, split into words (no quoting needed for these). */
  static List<String> words(String line) {
    return new ArrayList<>(List.of(line.strip().split(" ")));
  }

  private static FakeServerProcess fake() {
    return server.get();
  }
}
