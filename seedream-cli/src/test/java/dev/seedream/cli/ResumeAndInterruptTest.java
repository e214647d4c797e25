package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch resumed from its journal, and a signal that comes while a create is on its way: in this process, fast. */
class ResumeAndInterruptTest {
  private static FakeRunbase fake;

  @TempDir Path dir;

  @BeforeAll
  static void startFake() {
    fake = FakeRunbase.builder().progression(Progression.afterPolls(0, 0)).noRateLimit().start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  private Cli cli() {
    return Cli.in(dir).env("RUNBASE_API_KEY", fake.apiKey()).env("RUNBASE_BASE_URL", fake.baseUrl()).tuning(Cli.FAST);
  }

  @Test
  void aLineWhoseImagesAreGoneIsDownloadedAgainFromItsRunWithoutANewCreate() throws Exception {
    Files.write(dir.resolve("prompts.txt"), List.of("a lamp", "a chair"));
    Cli.Result first = cli().run("batch", "prompts.txt", "-o", "out");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path gone = dir.resolve(first.out().lines().findFirst().orElseThrow());
    Files.delete(gone);

    Cli.Result second = cli().run("batch", "prompts.txt", "-o", "out");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(fake.journal().createRequests()).isEqualTo(2);
    assertThat(gone).isRegularFile();
    List<String[]> table = BatchResumeJarIT.table(second.err());
    assertThat(table.get(0)[3]).as("line 1 was fetched again").isNotEqualTo("earlier");
    assertThat(table.get(1)[3]).isEqualTo("earlier");
  }

  @Test
  void aSignalWhileACreateIsOnItsWayWaitsForItsAnswerSoThatTheRunIsNamed() throws Exception {
    fake.injectNext(Endpoint.CREATE, 1, Failure.delay(Duration.ofMillis(1500)));
    Cli cli = cli();

    FutureTask<Cli.Result> generate = new FutureTask<>(() -> cli.run("generate", "a lamp", "-o", "out"));
    Thread command = new Thread(generate, "the command");
    command.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.journal().createRequests() == 1 && cli.running() != null);
    cli.running().interruption().raise(ExitCode.INTERRUPTED);
    Cli.Result result = generate.get(30, TimeUnit.SECONDS);
    command.join(5_000);

    String id = fake.runs().get(0).id();
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(130);
    assertThat(result.err()).contains("stopped by SIGINT (Ctrl-C)")
        .contains("run " + id + " is not finished; continue with: seedream status " + id + " --wait --out out");
  }
}
