package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, points 4, 6 and 7: every failure after a create names the way back, {@code --timeout}
 * bounds the whole command, and no text a server sent reaches the terminal raw.
 */
class FailureJarIT {
  private static final char ESC = '\u001b';

  @RegisterExtension static final FakeServerPerClass server = FakeServerPerClass.with("--duration", "2s");

  @TempDir Path dir;

  @Test
  void aConnectionLostDuringTheWaitEndsAtTheTimeoutWithTheRunIdAndTheCommandThatFinishesTheJob() {
    JarProcess generate = JarProcess.start(dir, fake().env(), List.of("generate", "a lamp", "--out", "out", "--timeout", "5s"));
    String id = generate.awaitErrLine(line -> line.endsWith(": submitted")).replace(": submitted", "");
    fake().outage();
    JarProcess.Output lost = generate.finish();
    fake().restore();

    assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(7);
    assertThat(lost.err()).contains("error: deadline of 5s passed while waiting for run " + id);
    String continueWith = lost.err().lines().filter(l -> l.contains("continue with: ")).findFirst().orElseThrow();
    assertThat(continueWith).isEqualTo("run " + id + " is not finished; continue with: seedream status " + id + " --wait --out out");

    JarProcess.Output continued = JarProcess.start(dir, fake().env(), SignalJarIT.command(continueWith)).finish();

    assertThat(continued.exitCode()).as(continued.toString()).isZero();
    assertThat(continued.out().lines()).containsExactly(id + " succeeded", "out/" + id + "-1.png");
    assertThat(dir.resolve("out").resolve(id + "-1.png")).isRegularFile();
    assertThat(fake().runs()).hasSize(1);
  }

  @Test
  void unreadableAnswersToThePollsEndAtTheTimeoutWithTheRunIdAndTheContinueCommand() {
    fake().inject("{\"endpoint\": \"get\", \"times\": 1000, \"answer\": {\"status\": 200, \"contentType\": \"text/html\", \"body\": \"<html>maintenance</html>\"}}");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "out", "--timeout", "4s");

    String id = fake().runs().get(0).get("id").getAsString();
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
    assertThat(result.err()).contains("continue with: seedream status " + id + " --wait --out out");
  }

  @Test
  void aDownloadThatFailsAfterTheRunSucceededNamesTheRunAndTheContinueCommand() {
    fake().inject("{\"endpoint\": \"image\", \"times\": 1000, \"html\": 500}");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "out", "--json");

    String id = fake().runs().get(0).get("id").getAsString();
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).contains("\"id\":\"" + id + "\"").contains("\"status\":\"succeeded\"");
    assertThat(result.err()).contains("continue with: seedream status " + id + " --wait --out out --json");
  }

  @Test
  void aCreateWithoutAReadableAnswerSaysTheRunMayExistAndExitsNine() {
    fake().inject("{\"endpoint\": \"create\", \"fault\": \"CONNECTION_RESET_BY_PEER\", \"afterHandling\": true}");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "out");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(9);
    assertThat(result.err()).contains("the run may exist").contains("It was not sent again");
    assertThat(fake().runs()).as("created, and billed, once").hasSize(1);
  }

  @Test
  void aTimeoutBoundsACreateThatIsAnsweredWithAHugeRetryAfter() {
    fake().inject("{\"endpoint\": \"create\", \"times\": 1000, \"error\": \"RATE_LIMITED\", \"retryAfter\": \"999999\"}");

    long start = System.nanoTime();
    JarProcess.Output generate = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "out", "--timeout", "3s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(generate.exitCode()).as(generate.toString()).isEqualTo(7);
    assertThat(generate.err()).contains("deadline of 3s passed before the run was created: nothing was created");
    assertThat(took).as("3s of --timeout and a JVM's start, not the Retry-After").isLessThan(Duration.ofSeconds(30));
    assertThat(fake().runs()).isEmpty();
  }

  @Test
  void aTimeoutBoundsTheWholeBatch() throws Exception {
    fake().inject("{\"endpoint\": \"create\", \"times\": 1000, \"error\": \"RATE_LIMITED\", \"retryAfter\": \"999999\"}");
    Files.write(dir.resolve("prompts.txt"), List.of("a lamp", "a chair", "a vase"));

    long start = System.nanoTime();
    JarProcess.Output batch = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--concurrency", "1", "--out", "out", "--timeout", "3s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(batch.exitCode()).as(batch.toString()).isEqualTo(7);
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(BatchResumeJarIT.table(batch.err())).hasSize(3).allSatisfy(row -> assertThat(row[1]).isEqualTo("-"));
    assertThat(batch.err()).contains("continue with: seedream batch prompts.txt --concurrency 1 --out out --timeout 3s");
    assertThat(fake().runs()).isEmpty();
  }

  @Test
  void escapeSequencesInAnErrorMessageAreShownEscaped() {
    JsonObject injection = new JsonObject();
    injection.addProperty("endpoint", "create");
    injection.addProperty("error", "invalid_input");
    injection.addProperty("message", "bad input" + ESC + "]0;owned" + '\u0007' + ESC + "[2J");
    fake().inject(injection.toString());

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "out");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.all()).doesNotContain(String.valueOf(ESC)).doesNotContain("\u0007");
    assertThat(result.err()).contains("bad input\\u001B]0;owned\\u0007\\u001B[2J");
  }

  @Test
  void escapeSequencesInARunsStatusAndErrorAreShownEscaped() {
    String id = fake().createRun("a lamp");
    JsonObject run = new JsonObject();
    run.addProperty("id", id);
    run.addProperty("status", "failed");
    JsonObject error = new JsonObject();
    error.addProperty("message", "gone" + ESC + "[2J" + ESC + "]0;owned" + '\u0007');
    error.addProperty("code", "x" + ESC + "[31m");
    run.add("error", error);
    JsonObject weird = new JsonObject();
    weird.addProperty("id", id);
    weird.addProperty("status", "queued" + ESC + "[1A" + '\u009b' + "2K");
    fake().injectPollAnswer(weird, 1);
    fake().injectPollAnswer(run, 1);

    JarProcess.Output queued = JarProcess.run(dir, fake().env(), "status", id);
    JarProcess.Output failed = JarProcess.run(dir, fake().env(), "status", id, "--json");

    assertThat(queued.exitCode()).as(queued.toString()).isZero();
    assertThat(queued.out()).startsWith(id + " queued\\u001B[1A\\u009B2K");
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(6);
    assertThat(failed.err()).contains("error: run " + id + " failed: x\\u001B[31m: gone\\u001B[2J\\u001B]0;owned\\u0007");
    for (JarProcess.Output result : List.of(queued, failed)) {
      assertThat(result.all()).doesNotContain(String.valueOf(ESC)).doesNotContain("\u009b").doesNotContain("\u0007");
    }
  }

  private static FakeServerProcess fake() {
    return server.get();
  }
}
