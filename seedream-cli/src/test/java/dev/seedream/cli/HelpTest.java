package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
  @TempDir Path dir;

  @Test
  void theTopLevelHelpListsTheCommandsTheEnvironmentAndEveryExitCode() {
    Cli.Result result = Cli.in(dir).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("generate", "batch", "status", "validate", "fake-server", "RUNBASE_API_KEY", "RUNBASE_BASE_URL");
    for (ExitCode code : ExitCode.values()) {
      assertThat(result.out()).containsPattern("(?m)^\\s+" + code.code() + "\\s+" + java.util.regex.Pattern.quote(code.meaning().substring(0, Math.min(20, code.meaning().length()))));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate", "batch", "status", "validate", "fake-server"})
  void everyCommandsHelpListsTheExitCodes(String command) {
    Cli.Result result = Cli.in(dir).run("help", command);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: seedream " + command).contains("Exit codes:").contains("insufficient balance: HTTP 402");
  }

  @Test
  void generateHelpNamesTheEightAspectRatios() {
    Cli.Result result = Cli.in(dir).run("generate", "--help");

    assertThat(result.out()).contains("1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 21:9");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result result = Cli.in(dir).run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("name a command: generate, batch, status, validate or fake-server");
  }
}
