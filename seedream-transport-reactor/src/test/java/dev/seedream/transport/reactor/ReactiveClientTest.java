package dev.seedream.transport.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.AspectRatio;
import dev.seedream.DeadlineExceededException;
import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunNotFoundException;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The reactive client: against the fake over real HTTP, and on virtual time in memory. */
class ReactiveClientTest {
  static final GenerationRequest REQUEST =
      GenerationRequest.builder().prompt("A ceramic lamp").aspectRatio(AspectRatio.RATIO_3_2).build();
  static final PollPolicy FAST =
      PollPolicy.custom().initialDelay(Duration.ofMillis(20)).interval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(50)).build();

  @TempDir Path dir;
  FakeRunbase fake;
  ReactorNettyTransport transport;
  ReactiveSeedreamClient client;

  @BeforeEach
  void start() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 2)).failWhenPromptContains("[fail]").start();
    transport = ReactorNettyTransport.builder().eventLoopThreads(2).threadNamePrefix("seedream-test-loop").build();
    client = client(builder -> builder);
  }

  ReactiveSeedreamClient client(java.util.function.UnaryOperator<dev.seedream.ClientBuilder<ReactiveSeedreamClient>> more) {
    return more.apply(ReactiveSeedreamClient.builder()
            .apiKey(fake.apiKey())
            .baseUrl(fake.baseUrl())
            .transport(transport)
            .rateBudget(RateBudget.unlimited())
            .pollPolicy(FAST))
        .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    TransportTestSupport.awaitZero("connections acquired", () -> transport.acquiredConnections().orElse(0));
    transport.close();
    fake.close();
  }

  @Test
  void toStringShowsBaseUrlTransportAndTheRedactedKey() {
    assertThat(client.toString()).isEqualTo("ReactiveSeedreamClient{baseUrl=" + fake.baseUrl()
        + ", transport=ReactorNettyTransport (non-blocking), key=" + dev.seedream.ApiKey.of(fake.apiKey()).redacted() + "}");
    assertThat(client.toString()).doesNotContain(fake.apiKey());
  }

  @Test
  void nothingIsSentUntilSubscription() {
    Mono<RunId> submit = client.submit(REQUEST);
    Mono<Run> generate = client.generate(REQUEST);
    assertThat(fake.journal().all()).isEmpty();

    StepVerifier.create(submit).expectNextMatches(id -> id.value().length() > 0).verifyComplete();
    assertThat(fake.journal().createRequests()).isEqualTo(1);
    StepVerifier.create(generate).expectNextMatches(run -> run.status().equals(RunStatus.SUCCEEDED)).verifyComplete();
    assertThat(fake.journal().createRequests()).isEqualTo(2);
  }

  @Test
  void generateThenDownloadWritesTheImagesOffTheEventLoop() {
    Set<String> writers = ConcurrentHashMap.newKeySet();
    ReactiveSeedreamClient watched = client(builder -> builder.listener(new SeedreamListener() {
      @Override
      public void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
        writers.add(Thread.currentThread().getName());
      }
    }));
    Flux<Path> files = watched.generate(REQUEST).flatMapMany(run -> watched.download(run, dir));

    StepVerifier.create(files)
        .assertNext(file -> assertThat(file.getFileName().toString()).endsWith("-1.png"))
        .verifyComplete();
    assertThat(writers).isNotEmpty().noneMatch(name -> name.startsWith("seedream-test-loop"));
    watched.close();
  }

  @Test
  void getAndAwaitReadTheRun() {
    RunId id = client.submit(REQUEST).block();
    StepVerifier.create(client.get(id)).expectNextMatches(run -> run.id().equals(id)).verifyComplete();
    StepVerifier.create(client.await(id, Duration.ofSeconds(20)))
        .expectNextMatches(run -> run.status().equals(RunStatus.SUCCEEDED) && !run.outputUrls().isEmpty())
        .verifyComplete();
  }

  @Test
  void imagesComeAsBytesOrIntoASinkOffTheEventLoopAndAContextHearsItsCallsOnly() {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    dev.seedream.CallContext context = dev.seedream.CallContext.of("job-1").withListener(new SeedreamListener() {
      @Override
      public void statusChanged(Run run, RunStatus previous) {
        heard.add(run.id().value());
      }
    });
    ReactiveSeedreamClient view = client.withContext(context);
    Run run = view.generate(REQUEST).block(Duration.ofSeconds(20));
    client.generate(REQUEST).block(Duration.ofSeconds(20)); // not through the view: not heard
    Set<String> sinkThreads = ConcurrentHashMap.newKeySet();
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();

    List<dev.seedream.ImageBytes> bytes = view.downloadBytes(run).collectList().block(Duration.ofSeconds(20));
    List<dev.seedream.ImageInfo> sent = view.download(run, info -> {
      sinkThreads.add(Thread.currentThread().getName());
      return streamed;
    }).collectList().block(Duration.ofSeconds(20));

    assertThat(bytes).singleElement().satisfies(image -> assertThat(image.mediaType()).isEqualTo("image/png"));
    assertThat(sent).singleElement().isEqualTo(bytes.get(0).info());
    assertThat(streamed.toByteArray()).isEqualTo(bytes.get(0).bytes());
    assertThat(sinkThreads).isNotEmpty().noneMatch(name -> name.startsWith("seedream-test-loop"));
    assertThat(heard).isNotEmpty().containsOnly(run.id().value());
  }

  @Test
  void watchWithinADeadlineEndsAtItsTerminalStatus() {
    RunId id = client.submit(REQUEST).block();
    StepVerifier.create(client.watch(id, Duration.ofSeconds(20)).last())
        .expectNextMatches(run -> run.status().equals(RunStatus.SUCCEEDED))
        .verifyComplete();
  }

  @Test
  void updatesEmitEachStatusChangeUntilTerminal() {
    RunId id = client.submit(REQUEST).block();
    List<Run> seen = client.watch(id).collectList().block(Duration.ofSeconds(20));

    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1).status()).isEqualTo(RunStatus.SUCCEEDED);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).status()).isNotEqualTo(seen.get(i - 1).status());
    }
  }

  @Test
  void errorsArriveAsTheSdksExceptions() {
    StepVerifier.create(client.get(RunId.of("no_such_run"))).expectError(RunNotFoundException.class).verify(Duration.ofSeconds(10));
    StepVerifier.create(client.generate(GenerationRequest.builder().prompt("[fail] me").build()))
        .expectError(RunFailedException.class)
        .verify(Duration.ofSeconds(20));
  }

  @Test
  void aThousandConcurrentGenerationsCompleteOnTheConfiguredEventLoops() {
    Set<String> loops = ConcurrentHashMap.newKeySet();
    Long done = Flux.range(0, 1000)
        .flatMap(i -> client.generate(REQUEST).doOnNext(run -> loops.add(Thread.currentThread().getName())), 1000)
        .filter(run -> run.status().equals(RunStatus.SUCCEEDED))
        .count()
        .block(Duration.ofMinutes(3));

    assertThat(done).isEqualTo(1000);
    assertThat(fake.journal().createRequests()).isEqualTo(1000);
    long eventLoops = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("seedream-test-loop")).count();
    assertThat(eventLoops).isLessThanOrEqualTo(2);
  }

  @Test
  void pollingRunsOnVirtualTime() {
    InMemoryRunbase runbase = new InMemoryRunbase("pending", "processing", "processing", "succeeded");
    reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.getOrSet();
    try {
      ReactiveSeedreamClient virtual = inMemory(runbase);
      java.util.concurrent.CompletableFuture<Run> run = virtual.generate(REQUEST).toFuture();
      time.advanceTimeBy(Duration.ofSeconds(4));
      assertThat(runbase.requests()).as("only the create before the first poll is due").containsExactly("POST /api/v1/runs");
      time.advanceTimeBy(Duration.ofSeconds(30));
      assertThat(runbase.requests()).hasSize(5);
      assertThat(run).isCompleted();
      assertThat(run.join().status()).isEqualTo(RunStatus.SUCCEEDED);
      virtual.close();
    } finally {
      reactor.test.scheduler.VirtualTimeScheduler.reset();
    }
  }

  @Test
  void disposingASubscriptionStopsThePollingAtOnce() {
    InMemoryRunbase runbase = new InMemoryRunbase("processing");
    reactor.test.scheduler.VirtualTimeScheduler time = reactor.test.scheduler.VirtualTimeScheduler.getOrSet();
    try {
      ReactiveSeedreamClient virtual = inMemory(runbase);
      Disposable subscription = virtual.generate(REQUEST).subscribe();
      time.advanceTimeBy(Duration.ofSeconds(20));
      int before = runbase.requests().size();
      assertThat(before).isGreaterThan(3);

      subscription.dispose();
      time.advanceTimeBy(Duration.ofMinutes(30));
      assertThat(runbase.requests()).hasSize(before);
      virtual.close();
    } finally {
      reactor.test.scheduler.VirtualTimeScheduler.reset();
    }
  }

  @Test
  void stepVerifierDrivesPollingOnVirtualTime() {
    InMemoryRunbase runbase = new InMemoryRunbase("pending", "succeeded");
    StepVerifier.withVirtualTime(() -> inMemory(runbase).generate(REQUEST))
        .expectSubscription()
        .thenAwait(Duration.ofSeconds(30))
        .expectNextMatches(run -> run.status().equals(RunStatus.SUCCEEDED))
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void theDeadlinePassesOnVirtualTime() {
    InMemoryRunbase runbase = new InMemoryRunbase("processing");
    StepVerifier.withVirtualTime(() -> inMemory(runbase).generate(REQUEST, Duration.ofMinutes(2)))
        .expectSubscription()
        .thenAwait(Duration.ofMinutes(2))
        .expectError(DeadlineExceededException.class)
        .verify(Duration.ofSeconds(10));
  }

  private static ReactiveSeedreamClient inMemory(InMemoryRunbase runbase) {
    return ReactiveSeedreamClient.builder()
        .apiKey("sk-test-virtual-0123456789")
        .baseUrl("https://runbase.test")
        .transport(runbase)
        .build();
  }
}
