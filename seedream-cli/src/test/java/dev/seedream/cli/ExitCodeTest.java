package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seedream.PollPolicy;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exit code, provoked once against a fake started here and reached through --base-url and RUNBASE_API_KEY. */
class ExitCodeTest {
  private static FakeRunbase fake;

  @TempDir Path dir;

  @BeforeAll
  static void startFake() {
    fake = FakeRunbase.builder()
        .progression(Progression.afterPolls(0, 1))
        .failWhenPromptContains("explode")
        .noRateLimit()
        .start();
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
  void zeroWhenTheRunSucceeded() {
    Cli.Result result = cli().run("generate", "a lamp", "-o", "out");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(dir.resolve(result.out().strip())).exists();
    fake.journal().assertRunsCreated(1);
    fake.journal().assertNoAuthorizationSentToImageOrigin();
  }

  @Test
  void twoForAnUnknownFlag() {
    Cli.Result result = cli().run("generate", "a lamp", "--colour", "red");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option").contains("'--colour'").contains("seedream generate --help");
  }

  @Test
  void twoForABadRequestAnswer() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INVALID_INPUT));

    assertExit(cli().run("generate", "a lamp"), 2, "HTTP 400 invalid_input");
  }

  @Test
  void threeForAKeyTheServerRefuses() {
    String wrongKey = "sk-wrong-0123456789abcdef";
    Cli.Result result = cli().env("RUNBASE_API_KEY", wrongKey).run("generate", "a lamp");

    assertExit(result, 3, "HTTP 401 invalid_api_key");
    assertThat(result.all()).doesNotContain(wrongKey).doesNotContain("0123456789abcdef");
  }

  @Test
  void threeForAPermissionRefused() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.API_KEY_SPEND_LIMIT_EXCEEDED));

    assertExit(cli().run("generate", "a lamp"), 3, "HTTP 403 api_key_spend_limit_exceeded");
  }

  @Test
  void fourForInsufficientBalance() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));

    assertExit(cli().run("generate", "a lamp"), 4, "HTTP 402 insufficient_balance");
  }

  @Test
  void fiveForARateLimitThatOutlastsTheRetries() {
    fake.injectNext(Endpoint.CREATE, 2, Failure.error(RunbaseError.RATE_LIMITED));

    assertExit(cli().run("generate", "a lamp"), 5, "HTTP 429 RATE_LIMITED");
    assertThat(fake.journal().createRequests()).isEqualTo(2);
  }

  @Test
  void fiveForASpentUsageQuota() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.USAGE_EXCEEDED));

    assertExit(cli().run("generate", "a lamp"), 5, "HTTP 429 USAGE_EXCEEDED");
  }

  @Test
  void sixForAFailedRunWhoseJsonStillReachesStandardOutput() {
    Cli.Result result = cli().run("generate", "please explode", "--json");

    assertExit(result, 6, "failed");
    JsonObject json = JsonParser.parseString(result.out().strip()).getAsJsonObject();
    assertThat(json.get("status").getAsString()).isEqualTo("failed");
    assertThat(json.getAsJsonArray("files")).isEmpty();
    assertThat(json.get("error").getAsString()).isNotBlank();
  }

  @Test
  void sevenWhenTheTimeoutPassesAndStatusWaitFinishesTheJobLater() {
    Cli.Result result = cli()
        .tuning(builder -> builder.pollPolicy(PollPolicy.custom().initialDelay(Duration.ofSeconds(20)).build()))
        .run("generate", "a lamp", "--timeout", "300ms");

    assertExit(result, 7, "deadline of ");
    assertThat(result.err()).contains("passed while waiting for run");
    String id = fake.runs().get(0).id();
    assertThat(result.err()).contains(id);

    Cli.Result status = cli().run("status", id, "--wait", "--json");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    JsonObject json = JsonParser.parseString(status.out().strip()).getAsJsonObject();
    assertThat(json.get("id").getAsString()).isEqualTo(id);
    assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
    assertThat(json.getAsJsonArray("urls")).hasSize(1);
  }

  @Test
  void eightForARunThatDoesNotExist() {
    assertExit(cli().run("status", "run_doesnotexist"), 8, "HTTP 404 run_not_found");
  }

  @Test
  void oneForAServerErrorOnARead() {
    Cli.Result generated = cli().run("generate", "a lamp", "--no-download", "--json");
    String id = JsonParser.parseString(generated.out().strip()).getAsJsonObject().get("id").getAsString();
    fake.injectNext(Endpoint.GET, 2, Failure.serverError(500));

    assertExit(cli().run("status", id), 1, "HTTP 500");
  }

  @Test
  void nineForACreateAnsweredWithAServerErrorAfterWhichTheRunMayExist() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.serverError(500));

    Cli.Result result = cli().run("generate", "a lamp");

    assertExit(result, 9, "the run may exist");
    assertThat(result.err()).contains("HTTP 500").doesNotContain("continue with");
    assertThat(fake.journal().createRequests()).isEqualTo(1);
  }

  @Test
  void statusPrintsIdAndStatusThenTheUrls() {
    Cli.Result generated = cli().run("generate", "a lamp", "--no-download", "--json");
    String id = JsonParser.parseString(generated.out().strip()).getAsJsonObject().get("id").getAsString();

    Cli.Result status = cli().run("status", id);

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out().lines()).hasSize(2).first().isEqualTo(id + " succeeded");
    assertThat(status.out().lines().skip(1).findFirst().orElseThrow()).startsWith(fake.imageBaseUrl());
  }

  @Test
  void statusOfAFailedRunExitsSix() {
    cli().run("generate", "explode now", "--no-download");
    String id = fake.runs().get(0).id();

    Cli.Result status = cli().run("status", id, "--json");

    assertThat(status.exitCode()).isEqualTo(6);
    assertThat(JsonParser.parseString(status.out().strip()).getAsJsonObject().get("status").getAsString()).isEqualTo("failed");
  }

  @Test
  void theBaseUrlFlagWinsOverTheEnvironment() {
    Cli.Result result = cli().env("RUNBASE_BASE_URL", "http://127.0.0.1:9").run("generate", "a lamp", "--base-url", fake.baseUrl(), "--no-download");

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void theKeyIsNeverPrintedNotEvenOnATerminal() {
    Cli.Result plain = cli().run("generate", "a lamp", "-o", "out", "--json");
    Cli.Result live = cli().terminal().stdin("a lamp\na chair\n").run("batch", "-", "-o", "out");
    Cli.Result failed = cli().run("generate", "explode", "-o", "out");

    for (Cli.Result result : new Cli.Result[] {plain, live, failed}) {
      assertThat(result.all()).doesNotContain(fake.apiKey()).doesNotContain(fake.apiKey().substring(3));
    }
    assertThat(plain.exitCode()).isZero();
    assertThat(live.exitCode()).isZero();
    assertThat(live.err()).contains("runs 2/2 done");
    assertThat(failed.exitCode()).isEqualTo(6);
  }

  private static void assertExit(Cli.Result result, int code, String message) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(code);
    assertThat(result.err()).contains("error: ").contains(message);
    assertThat(result.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
  }
}
