package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, point 3: SIGINT and SIGTERM during a wait or a download stop the command, leave no
 * partial file, print each unfinished run with the command that continues it, and exit 130 / 143.
 */
class SignalJarIT {
  /** Its runs stay pending for a minute: a command waits for them. */
  private static FakeServerProcess slowRuns;
  /** Its runs are done at the first poll; its images come late when a test injects a delay. */
  private static FakeServerProcess quickRuns;

  @TempDir Path dir;

  @BeforeAll
  static void startFakes() throws Exception {
    slowRuns = FakeServerProcess.start("--duration", "60s");
    quickRuns = FakeServerProcess.start("--polls", "1");
  }

  @AfterAll
  static void stopFakes() throws Exception {
    slowRuns.close();
    quickRuns.close();
  }

  @BeforeEach
  void resetFakes() {
    slowRuns.reset();
    quickRuns.reset();
  }

  @ParameterizedTest
  @CsvSource({"INT, 130, SIGINT (Ctrl-C)", "TERM, 143, SIGTERM"})
  void aSignalDuringTheWaitStopsPollingAndPrintsTheRunWithItsContinueCommand(String signal, int exitCode, String name) throws Exception {
    JarProcess generate = JarProcess.start(dir, slowRuns.env(), List.of("generate", "a lamp", "--out", "out"));
    String id = generate.awaitErrLine(line -> line.endsWith(": submitted")).replace(": submitted", "");
    generate.signal(signal);
    JarProcess.Output result = generate.finish();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.err()).contains("stopped by " + name + ": polling stopped")
        .contains("run " + id + " is not finished; continue with: seedream status " + id + " --wait --out out");
    assertThat(result.err()).doesNotContain("error: ");
    assertThat(files(dir.resolve("out"))).isEmpty();
    assertThat(slowRuns.runs()).singleElement().satisfies(run -> assertThat(run.get("id").getAsString()).isEqualTo(id));
  }

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aSignalDuringTheDownloadLeavesNoPartialFileAndTheContinueCommandFinishesTheJob(String signal, int exitCode) throws Exception {
    quickRuns.inject("{\"endpoint\": \"image\", \"delayMs\": 30000, \"times\": 5}");
    JarProcess generate = JarProcess.start(dir, quickRuns.env(), List.of("generate", "a lamp", "--out", "out"));
    awaitPartialFile(dir.resolve("out"));
    generate.signal(signal);
    JarProcess.Output result = generate.finish();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(files(dir.resolve("out"))).as("no partial file, no image").isEmpty();
    String continueWith = result.err().lines().filter(l -> l.contains("continue with: ")).findFirst().orElseThrow();
    String id = quickRuns.runs().get(0).get("id").getAsString();
    assertThat(continueWith).endsWith("continue with: seedream status " + id + " --wait --out out");

    quickRuns.clearInjections();
    JarProcess.Output continued = JarProcess.start(dir, quickRuns.env(), command(continueWith)).finish();

    assertThat(continued.exitCode()).as(continued.toString()).isZero();
    assertThat(files(dir.resolve("out"))).containsExactly(id + "-1.png");
    assertThat(quickRuns.runs()).hasSize(1);
  }

  @Test
  void aBatchStoppedByCtrlCDuringItsDownloadsIsContinuedByTheSameCommandWithoutANewCreate() throws Exception {
    Files.write(dir.resolve("prompts.txt"), List.of("a lamp", "a chair"));
    quickRuns.inject("{\"endpoint\": \"image\", \"delayMs\": 30000, \"times\": 5}");
    JarProcess batch = JarProcess.start(dir, quickRuns.env(), List.of("batch", "prompts.txt", "--out", "out"));
    awaitPartialFile(dir.resolve("out"));
    batch.signal("INT");
    JarProcess.Output stopped = batch.finish();

    assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
    assertThat(files(dir.resolve("out"))).containsExactly(BatchJournal.FILE_NAME);
    assertThat(BatchResumeJarIT.table(stopped.err())).hasSize(2).allSatisfy(row -> assertThat(row[1]).startsWith("run_"));
    String continueWith = stopped.err().lines().filter(l -> l.contains("continue with: ")).findFirst().orElseThrow();
    assertThat(continueWith).endsWith("continue with: seedream batch prompts.txt --out out");

    quickRuns.clearInjections();
    JarProcess.Output continued = JarProcess.start(dir, quickRuns.env(), command(continueWith)).finish();

    assertThat(continued.exitCode()).as(continued.toString()).isZero();
    assertThat(quickRuns.runs()).as("no run created twice").hasSize(2);
    assertThat(BatchResumeJarIT.pngs(dir.resolve("out"))).hasSize(2);
  }

  @Test
  void aBatchStoppedBySigtermDuringItsWaitsNamesEveryRunAndKeepsThemInTheJournal() throws Exception {
    Files.write(dir.resolve("prompts.txt"), List.of("a lamp", "a chair", "a vase"));
    JarProcess batch = JarProcess.start(dir, slowRuns.env(), List.of("batch", "prompts.txt", "--concurrency", "2", "--out", "out"));
    await().atMost(JarProcess.HUNG).until(() -> batch.err().lines().filter(l -> l.endsWith(": submitted")).count() == 2);
    batch.signal("TERM");
    JarProcess.Output stopped = batch.finish();

    assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(143);
    List<String[]> table = BatchResumeJarIT.table(stopped.err());
    assertThat(table).hasSize(3);
    List<String> ids = slowRuns.runs().stream().map(run -> run.get("id").getAsString()).collect(Collectors.toList());
    assertThat(List.of(table.get(0)[1], table.get(1)[1])).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(table.get(2)).containsExactly("3", "-", "not-sent", "-", "-");
    String journal = Files.readString(dir.resolve("out").resolve(BatchJournal.FILE_NAME));
    ids.forEach(id -> assertThat(journal).contains("\"status\":\"created\",\"run\":\"" + id + "\""));
    assertThat(stopped.err()).contains("continue with: seedream batch prompts.txt --concurrency 2 --out out");
  }

  private static void awaitPartialFile(Path out) {
    await().atMost(JarProcess.HUNG).pollInterval(Duration.ofMillis(20))
        .until(() -> Files.isDirectory(out) && files(out).stream().anyMatch(name -> name.endsWith(".part")));
  }

  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The arguments of a printed {@code seedream ...} command, without {@code seedream}. */
  static List<String> command(String continueWith) {
    String line = continueWith.substring(continueWith.indexOf("continue with: seedream ") + "continue with: seedream ".length());
    return BatchResumeJarIT.words(line);
  }
}
