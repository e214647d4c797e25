package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The blocking face on the system scheduler, with a scripted transport that answers at once. */
class BlockingClientTest {
  static final PollPolicy FAST =
      PollPolicy.custom().initialDelay(Duration.ofMillis(5)).interval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(5)).build();

  @Test
  void generateReturnsTheSucceededRun() {
    RunbaseScript script = new RunbaseScript("pending", "succeeded");
    ScriptedServer server = new ScriptedServer(System::nanoTime, script);
    try (SeedreamClient client = client(server)) {
      Run run = client.generate(GenerationRequest.builder().prompt("lamp").build());
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(client.get(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void errorsArriveAsTheirOwnTypeOnTheCallersThread() {
    RunbaseScript script = new RunbaseScript("succeeded").next(Reply.of(401, TextCodec.error("invalid_api_key", "Invalid API key")));
    ScriptedServer server = new ScriptedServer(System::nanoTime, script);
    try (SeedreamClient client = client(server)) {
      assertThatThrownBy(() -> client.submit(GenerationRequest.builder().prompt("lamp").build()))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("invalid_api_key")
          .hasMessageContaining("RUNBASE_API_KEY");
    }
  }

  @Test
  void interruptingAWaitingThreadStopsItsPollingAndKeepsTheFlag() throws Exception {
    RunbaseScript script = new RunbaseScript("processing");
    script.onGet(r -> Reply.hang());
    ScriptedServer server = new ScriptedServer(System::nanoTime, script);
    try (SeedreamClient client = client(server)) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          client.generate(GenerationRequest.builder().prompt("lamp").build());
        } catch (Throwable e) {
          thrown.set(e);
          flag.set(Thread.currentThread().isInterrupted());
        }
      });
      caller.start();
      assertThat(server.hangs.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      caller.interrupt();
      caller.join(10_000);

      assertThat(thrown.get()).isInstanceOf(CancelledException.class);
      assertThat(flag.get()).isTrue();
      assertThat(server.cancellations.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.hangingOpen()).isZero();
      assertThat(server.hangingCancelled()).isEqualTo(1);
    }
  }

  @Test
  void closingTheClientEndsItsThreads() throws Exception {
    ScriptedServer server = new ScriptedServer(System::nanoTime, new RunbaseScript("succeeded"));
    SeedreamClient client = client(server);
    client.generate(GenerationRequest.builder().prompt("lamp").build());
    assertThat(seedreamThreads()).isNotEmpty();

    client.close();
    for (Thread thread : seedreamThreads()) {
      thread.join(10_000);
    }
    assertThat(seedreamThreads()).isEmpty();
    assertThatThrownBy(() -> client.get(RunId.of("run-1"))).isInstanceOf(CancelledException.class);
  }

  static java.util.List<Thread> seedreamThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("seedream-") && t.isAlive())
        .toList();
  }

  static SeedreamClient client(ScriptedServer server) {
    return SeedreamClient.builder()
        .apiKey("sk-test-blocking-0123456789")
        .baseUrl("https://runbase.test")
        .transport(server)
        .codec(new TextCodec())
        .pollPolicy(FAST)
        .build();
  }
}
