package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every exception the SDK throws, made to happen with a server that echoes the key everywhere it
 * can: none holds the key in its message or toString(), and none of the kinds is left out.
 */
class ExceptionSecretsTest {
  private static final String CANARY = SecretsTest.CANARY;
  private static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("a lamp").build();

  private final List<Throwable> seen = new ArrayList<>();

  @Test
  void noExceptionOfAnyKindHoldsTheKey() {
    for (String[] answer : new String[][] {
        {"400", "invalid_input"}, {"401", "invalid_api_key"}, {"402", "insufficient_balance"},
        {"403", "api_key_spend_limit_exceeded"}, {"403", "ip_not_allowed"}, {"403", "forbidden"},
        {"404", "run_not_found"}, {"404", "nope"}, {"429", "RATE_LIMITED"}, {"429", "USAGE_EXCEEDED"},
        {"418", "teapot"}, {"500", "boom"}}) {
      Reply reply = Reply.of(Integer.parseInt(answer[0]), TextCodec.error(answer[1], "key " + CANARY))
          .header("Retry-After", "3");
      collect(script -> script.onGet(r -> reply), client -> client.get(RunId.of("run-1")));
    }
    // a create that got a 500: the run may exist
    collect(script -> script.next(Reply.of(500, "<html>" + CANARY + "</html>")), client -> client.submit(REQUEST));
    // a failure of the transport's library whose text holds the key
    collect(script -> script.onGet(r -> Reply.failForeign(new IllegalStateException("reset " + CANARY))),
        client -> client.get(RunId.of("run-1")));
    // an answer that is not a run
    collect(script -> script.onGet(r -> Reply.of(200, "garbage " + CANARY)), client -> client.get(RunId.of("run-1")));
    // a failed run whose error echoes the key
    collect(script -> script.onGet(r -> Reply.of(200, TextCodec.run("run-1", "failed") + "\nerror=bad " + CANARY)),
        client -> client.await(RunId.of("run-1")));
    // the deadline, with a run and without one
    collect(script -> script.onGet(r -> Reply.of(200, TextCodec.run("run-1", "processing"))),
        client -> client.await(RunId.of("run-1"), Duration.ofSeconds(5)));
    collect(script -> script.next(rateLimited(), rateLimited(), rateLimited(), rateLimited(), rateLimited()),
        client -> client.submit(REQUEST, Duration.ofSeconds(2)));
    // a download from a URL that carries the key as user info
    Run run = Run.builder(RunId.of("run-1"), RunStatus.SUCCEEDED)
        .outputUrls(List.of(URI.create("ftp://" + CANARY + "@cdn.example/a.png"))).build();
    collect(script -> script, client -> client.download(run, java.nio.file.Path.of("unused")));
    // a client closed while it waits
    collectClosed();
    // the key in a base URL that is refused; invalid input
    seen.add(catchIt(() -> SeedreamClient.builder().apiKey(CANARY).baseUrl("http://" + CANARY + ".example.com").build()));
    seen.add(catchIt(() -> GenerationRequest.builder().prompt(" ").build()));

    List<Throwable> all = new ArrayList<>();
    for (Throwable error : seen) {
      for (Throwable t = error; t != null; t = t.getCause()) {
        all.add(t);
      }
    }
    assertThat(all).allSatisfy(error -> {
      assertThat(error.getMessage()).doesNotContain(CANARY).doesNotContain("CANARY");
      assertThat(error.toString()).doesNotContain(CANARY);
      assertThat(SecretsTest.stack(error)).doesNotContain(CANARY);
    });
    Set<String> kinds = all.stream().filter(e -> e instanceof SeedreamException)
        .map(e -> e.getClass().getName()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(kinds).as("every kind of SeedreamException was made to happen").containsAll(everyExceptionClass());
  }

  @Test
  void aRateLimitedAnswerKeepsItsRetryAfter() {
    assertThat(((RateLimitedException) ApiException.from(429, "RATE_LIMITED", "x", null, null, Duration.ofSeconds(7)))
        .retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(((RateLimitedException) ApiException.from(429, "RATE_LIMITED", "x", null, null)).retryAfter()).isEmpty();
    Throwable error = collect(script -> script.onGet(r -> Reply.of(429, TextCodec.error("RATE_LIMITED", "slow"))
            .header("Retry-After", "12")),
        client -> client.get(RunId.of("run-1")));
    assertThat(chain(error)).filteredOn(e -> e instanceof RateLimitedException).isNotEmpty()
        .allSatisfy(e -> assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(12)));
  }

  @Test
  void aDeadlineWithARunNamesItAndOneWithoutIsPlain() {
    Throwable withRun = collect(script -> script.onGet(r -> Reply.of(200, TextCodec.run("run-7", "processing"))),
        client -> client.await(RunId.of("run-7"), Duration.ofSeconds(5)));
    assertThat(withRun).isInstanceOfSatisfying(RunDeadlineExceededException.class, e -> {
      assertThat(e.existingRunId()).isEqualTo(RunId.of("run-7"));
      assertThat(e.runId()).contains(RunId.of("run-7"));
      assertThat(e.lastStatus()).contains(RunStatus.PROCESSING);
    });
    Throwable withoutRun = collect(script -> script.next(rateLimited(), rateLimited(), rateLimited(), rateLimited()),
        client -> client.submit(REQUEST, Duration.ofSeconds(2)));
    assertThat(withoutRun).isExactlyInstanceOf(DeadlineExceededException.class);
    assertThat(((DeadlineExceededException) withoutRun).runId()).isEmpty();

    assertThat(DeadlineExceededException.of(RunId.of("r"), null, Duration.ofSeconds(1), null))
        .isInstanceOf(RunDeadlineExceededException.class);
    assertThat(DeadlineExceededException.of(null, null, Duration.ofSeconds(1), null))
        .isExactlyInstanceOf(DeadlineExceededException.class);
    assertThatThrownBy(() -> DeadlineExceededException.of(null, null, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("deadline");
  }

  private static Reply rateLimited() {
    return Reply.of(429, TextCodec.error("RATE_LIMITED", "slow " + CANARY)).header("Retry-After", "1");
  }

  private Throwable collect(Function<RunbaseScript, RunbaseScript> scripting,
      Function<SeedreamAsyncClient, CompletableFuture<?>> call) {
    VirtualScheduler time = new VirtualScheduler();
    ScriptedServer server = new ScriptedServer(time::nanoTime, scripting.apply(new RunbaseScript("pending")));
    try (SeedreamAsyncClient client = SeedreamAsyncClient.builder().apiKey(CANARY).baseUrl("https://runbase.test")
        .transport(server).codec(new TextCodec()).scheduler(time).deadline(Duration.ofSeconds(30)).build()) {
      CompletableFuture<?> future = call.apply(client);
      time.advance(Duration.ofMinutes(2));
      Throwable error = EngineTestSupport.failure(future);
      seen.add(error);
      return error;
    }
  }

  private void collectClosed() {
    VirtualScheduler time = new VirtualScheduler();
    ScriptedServer server = new ScriptedServer(time::nanoTime, new RunbaseScript("pending").onGet(r -> Reply.hang()));
    SeedreamAsyncClient client = SeedreamAsyncClient.builder().apiKey(CANARY).baseUrl("https://runbase.test")
        .transport(server).codec(new TextCodec()).scheduler(time).build();
    CompletableFuture<Run> wait = client.await(RunId.of("run-1"));
    time.runDue();
    client.close();
    seen.add(EngineTestSupport.failure(wait));
  }

  private static Throwable catchIt(Runnable code) {
    try {
      code.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("nothing thrown");
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      out.add(t);
    }
    return out;
  }

  /** Every concrete SeedreamException of core. */
  private static Set<String> everyExceptionClass() {
    Set<String> names = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.seedream").stream()
        .filter(c -> c.isAssignableTo(SeedreamException.class))
        .filter(c -> !c.getModifiers().contains(JavaModifier.ABSTRACT))
        .filter(c -> !c.isEquivalentTo(SeedreamException.class)) // the base: only wraps a foreign checked failure
        .map(JavaClass::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(names).contains(RunDeadlineExceededException.class.getName(), ApiException.class.getName());
    return names;
  }
}
