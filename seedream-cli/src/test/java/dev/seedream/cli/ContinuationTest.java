package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.RunId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationTest {
  @Test
  void aRunIsContinuedByStatusWaitWithTheSameOutAndTheOptionsThatReachTheSameServer() {
    ClientOptions client = new ClientOptions();
    client.baseUrl = "http://127.0.0.1:8080";
    client.transport = TransportChoice.REACTOR;

    assertThat(Continuation.forRun(RunId.of("run_1"), "my images", client, true)).isEqualTo(
        "run run_1 is not finished; continue with: seedream status run_1 --wait --out 'my images'"
            + " --base-url http://127.0.0.1:8080 --transport reactor --json");
    assertThat(Continuation.forRun(RunId.of("run_1"), null, new ClientOptions(), false))
        .endsWith("continue with: seedream status run_1 --wait --no-download");
  }

  @Test
  void wordsAreQuotedForAShellAndMadePrintable() {
    assertThat(Continuation.sameCommand(List.of("batch", "it's mine.txt", "--out", "out/", "a\u001b[2Jb")))
        .isEqualTo("seedream batch 'it'\"'\"'s mine.txt' --out out/ 'a\\u001B[2Jb'");
  }

  @Test
  void aRunOfTheInProcessFakeCannotBeContinued() {
    ClientOptions client = new ClientOptions();
    client.fake = true;

    assertThat(Continuation.forRun(RunId.of("run_1"), ".", client, false))
        .isEqualTo("run run_1 is not finished; it was on the in-process --fake server, which ends with this command");
  }
}
