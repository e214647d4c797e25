package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 5: {@code status RUN_ID --wait --out DIR} downloads as generate does, and its
 * elapsed time counts from the run's {@code created_at}, or is left out.
 */
class StatusJarIT {
  @RegisterExtension static final FakeServerPerClass server = FakeServerPerClass.with("--duration", "2s");

  @TempDir Path dir;

  @Test
  void statusWaitDownloadsTheImagesAndCountsItsTimeFromTheRunsCreation() {
    Instant beforeCreate = Instant.now();
    String id = fake().createRun("a lamp");
    Instant afterCreate = Instant.now();

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "status", id, "--wait", "--out", "out");
    Instant end = Instant.now();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).containsExactly(id + " succeeded", "out/" + id + "-1.png");
    assertThat(dir.resolve("out").resolve(id + "-1.png")).isRegularFile();
    Matcher after = Pattern.compile(Pattern.quote(id) + ": succeeded after (\\d+\\.\\d)s").matcher(result.err());
    assertThat(after.find()).as(result.err()).isTrue();
    double seconds = Double.parseDouble(after.group(1));
    assertThat(seconds).as("counted from created_at, which is at least the run's 2s ago")
        .isGreaterThanOrEqualTo(1.9)
        .isLessThanOrEqualTo(Duration.between(beforeCreate, end).toMillis() / 1000.0 + 0.1);
    assertThat(Duration.between(afterCreate, end)).isPositive();
  }

  @Test
  void statusWaitWithoutOutWritesIntoTheCurrentDirectoryAsGenerateDoes() {
    String id = fake().createRun("a lamp");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "status", id, "--wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines()).containsExactly(id + " succeeded", id + "-1.png");
    assertThat(dir.resolve(id + "-1.png")).isRegularFile();
  }

  @Test
  void withoutCreatedAtTheElapsedTimeIsLeftOut() {
    String id = fake().createRun("a lamp");
    await().atMost(JarProcess.HUNG).pollInterval(Duration.ofMillis(200))
        .until(() -> fake().getRun(id).get("status").getAsString().equals("succeeded"));
    JsonObject run = fake().getRun(id);
    run.remove("created_at");
    run.remove("started_at");
    run.remove("completed_at");
    fake().injectPollAnswer(run, 100);

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "status", id, "--wait", "--no-download");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines()).contains(id + ": succeeded");
    assertThat(result.err()).doesNotContain(" after ");
    assertThat(result.out().lines()).hasSize(2).first().isEqualTo(id + " succeeded");
  }

  private static FakeServerProcess fake() {
    return server.get();
  }
}
