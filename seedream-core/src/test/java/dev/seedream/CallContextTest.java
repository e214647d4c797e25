package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testing.CapturedLogs;
import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Per-call context: each call's events reach its own context only, and its log lines carry its tag. */
class CallContextTest {
  private static final int JOBS = 24;

  /** What one listener heard, each event as "event runId". */
  static final class Heard implements SeedreamListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void runSubmitted(RunId runId, RunInput input) {
      events.add("submitted " + runId.value() + " " + ((GenerationRequest) input).prompt());
    }

    @Override
    public void statusChanged(Run run, RunStatus previous) {
      events.add("status " + run.id().value() + " " + run.status());
    }

    @Override
    public void runSucceeded(Run run) {
      events.add("succeeded " + run.id().value());
    }

    @Override
    public void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {
      events.add("retry " + request);
    }

    @Override
    public void callStarted(CallContext context, String operation) {
      events.add("started " + context.tag() + " " + operation);
    }

    @Override
    public void callEnded(CallContext context, String operation, Throwable failure) {
      events.add("ended " + context.tag() + " " + operation + " " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
    }
  }

  @Test
  void eachOfManyConcurrentGenerationsTellsItsOwnContextOnly() {
    VirtualScheduler time = new VirtualScheduler();
    RunbaseScript script = new RunbaseScript("pending", "processing", "succeeded");
    // the first poll of one run fails once: its retry must reach that run's context alone
    Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    script.onGet(r -> r.path().endsWith("/run-5") && failedOnce.add("run-5") ? Reply.of(503, "") : null);
    ScriptedServer server = new ScriptedServer(time::nanoTime, script);
    Map<String, List<String>> tagged = new ConcurrentHashMap<>();
    SeedreamListener clientListener = new SeedreamListener() {
      @Override
      public SeedreamListener forCall(CallContext context) {
        return new SeedreamListener() {
          @Override
          public void statusChanged(Run run, RunStatus previous) {
            tagged.computeIfAbsent(context.tag(), t -> new CopyOnWriteArrayList<>()).add(run.id().value());
          }
        };
      }
    };
    List<Heard> heard = new ArrayList<>();
    List<CompletableFuture<Run>> runs = new ArrayList<>();
    try (SeedreamAsyncClient client = SeedreamAsyncClient.builder().apiKey(EngineTestSupport.KEY)
        .baseUrl("https://runbase.test").transport(server).codec(new TextCodec()).scheduler(time)
        .listener(clientListener).build()) {
      for (int i = 0; i < JOBS; i++) {
        Heard job = new Heard();
        heard.add(job);
        SeedreamAsyncClient view = client.withContext(CallContext.of("job-" + i).withListener(job));
        runs.add(view.generate(GenerationRequest.builder().prompt("prompt of job " + i).build()));
      }
      time.advance(Duration.ofMinutes(5));
      assertThat(runs).allSatisfy(run -> assertThat(run).isCompleted());

      for (int job = 0; job < JOBS; job++) {
        int i = job;
        String id = runs.get(i).join().id().value();
        List<String> events = heard.get(i).events;
        assertThat(events).as("events of job %d", i)
            .startsWith("started job-" + i + " generate", "submitted " + id + " prompt of job " + i)
            .contains("status " + id + " processing", "status " + id + " succeeded", "succeeded " + id)
            .endsWith("ended job-" + i + " generate ok");
        assertThat(events).as("no event of another run reaches job %d", i)
            .allSatisfy(event -> assertThat(event).matches("(started|ended) job-" + i + " .*|retry .*|\\w+ " + id + "( .*)?"));
        assertThat(events.stream().filter(e -> e.startsWith("retry")).count())
            .as("the retry of run-5 reaches its job only").isEqualTo(id.equals("run-5") ? 1 : 0);
        assertThat(tagged.get("job-" + i)).as("the client's listener, for job %d", i).isNotEmpty().containsOnly(id);
      }
      assertThat(failedOnce).containsExactly("run-5");
    }
  }

  @Test
  void logLinesOfACallCarryItsTag() {
    List<String> lines;
    try (CapturedLogs logs = CapturedLogs.messages()) {
      lines = logs.lines();
      VirtualScheduler time = new VirtualScheduler();
      ScriptedServer server = new ScriptedServer(time::nanoTime, new RunbaseScript("succeeded"));
      try (SeedreamClient client = SeedreamClient.builder().apiKey(EngineTestSupport.KEY).baseUrl("https://runbase.test")
          .transport(server).codec(new TextCodec()).scheduler(time).build()) {
        SeedreamAsyncClient view = client.withContext(CallContext.of("order-4711")).async();
        CompletableFuture<RunId> tagged = view.submit(GenerationRequest.builder().prompt("x").build());
        CompletableFuture<RunId> plain = client.async().submit(GenerationRequest.builder().prompt("y").build());
        time.advance(Duration.ofSeconds(5));
        assertThat(tagged).isCompleted();
        assertThat(plain).isCompleted();
        assertThat(view.toString()).endsWith(", context=order-4711}");
      }
    }
    assertThat(lines).filteredOn(line -> line.contains("sending POST /api/v1/runs"))
        .containsExactlyInAnyOrder("[order-4711] sending POST /api/v1/runs (attempt 1)", "sending POST /api/v1/runs (attempt 1)");
  }

  @Test
  void closingAViewLeavesItsClientWorking() {
    VirtualScheduler time = new VirtualScheduler();
    ScriptedServer server = new ScriptedServer(time::nanoTime, new RunbaseScript("succeeded"));
    try (SeedreamClient client = SeedreamClient.builder().apiKey(EngineTestSupport.KEY).baseUrl("https://runbase.test")
        .transport(server).codec(new TextCodec()).scheduler(time).build()) {
      try (SeedreamClient view = client.withContext(CallContext.of("job-1"))) {
        assertThat(view.async().submit(GenerationRequest.builder().prompt("x").build())).isCompleted();
      }
      CompletableFuture<RunId> after = client.async().submit(GenerationRequest.builder().prompt("y").build());
      assertThat(after).isCompleted();
      assertThat(after.join().value()).isNotBlank();
    }
  }

  @Test
  void aTagMustNameAJob() {
    assertThatThrownBy(() -> CallContext.of(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> CallContext.of("x".repeat(201))).hasMessageContaining("at most 200 characters, but was 201");
    assertThatThrownBy(() -> CallContext.of("a\u001b[2Jb")).hasMessageContaining("control");
    assertThat(CallContext.of("job-1").listener()).isEmpty();
    assertThat(CallContext.of("job-1").withListener(SeedreamListener.NONE).listener()).contains(SeedreamListener.NONE);
  }
}
