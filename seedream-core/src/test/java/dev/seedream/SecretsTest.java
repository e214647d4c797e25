package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.CapturedLogs;
import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A canary key, all logging on: the key shows up nowhere the SDK writes. */
class SecretsTest {
  static final String CANARY = "sk-CANARY-7f3a9c1e5b2d4f60";

  @Test
  void theKeyAppearsInNoLogLineExceptionMessageOrToString() {
    List<String> captured = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (CapturedLogs logs = new CapturedLogs(captured,
        record -> record.getMessage() + " " + record.getParameters() + " " + stack(record.getThrown()))) {
      VirtualScheduler time = new VirtualScheduler();
      // The server echoes the key back in its error messages and HTML pages.
      RunbaseScript script = new RunbaseScript("pending", "succeeded")
          .next(Reply.of(503, "<html>token " + CANARY + "</html>"),
              Reply.of(400, TextCodec.error("invalid_input", "bad key " + CANARY)));
      ScriptedServer server = new ScriptedServer(time::nanoTime, script);
      SeedreamAsyncClient client = SeedreamAsyncClient.builder()
          .apiKey(CANARY).baseUrl("https://runbase.test").transport(server).codec(new TextCodec()).scheduler(time)
          .listener(new SeedreamListener() {
            @Override
            public void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {
              captured.add(request + " " + stack(cause));
            }
          })
          .build();
      CompletableFuture<RunId> first = client.submit(GenerationRequest.builder().prompt("x").build());
      time.advance(Duration.ofMinutes(1));
      Throwable error = EngineTestSupport.failure(first);
      captured.add(stack(error));
      captured.add(client.toString());
      captured.add(ApiKey.of(CANARY).toString());
      captured.add(server.received().get(0).request().toString());
      client.close();
    }

    assertThat(captured).isNotEmpty();
    assertThat(captured).anySatisfy(line -> assertThat(line).contains("bad key"));
    assertThat(captured).anySatisfy(line -> assertThat(line).contains("sending POST /api/v1/runs"));
    assertThat(captured).allSatisfy(line -> assertThat(line).doesNotContain(CANARY));
  }

  @Test
  void aKeyEchoedInAFailedRunsErrorIsScrubbed() {
    VirtualScheduler time = new VirtualScheduler();
    RunbaseScript script = new RunbaseScript("pending");
    script.onGet(r -> Reply.of(200, TextCodec.run("run-1", "failed") + "\nerror=bad key " + CANARY + "\ncode=" + CANARY));
    ScriptedServer server = new ScriptedServer(time::nanoTime, script);
    try (SeedreamAsyncClient client = SeedreamAsyncClient.builder()
        .apiKey(CANARY).baseUrl("https://runbase.test").transport(server).codec(new TextCodec()).scheduler(time).build()) {
      CompletableFuture<Run> run = client.generate(GenerationRequest.builder().prompt("x").build());
      time.advance(Duration.ofMinutes(1));

      Throwable error = EngineTestSupport.failure(run);
      assertThat(error).isInstanceOf(RunFailedException.class).hasMessageContaining("bad key");
      assertThat(stack(error)).doesNotContain(CANARY);
      assertThat(((RunFailedException) error).run().toString()).doesNotContain(CANARY);
    }
  }

  static String stack(Throwable error) {
    if (error == null) {
      return "";
    }
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
