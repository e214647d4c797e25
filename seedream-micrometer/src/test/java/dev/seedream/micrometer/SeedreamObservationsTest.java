package dev.seedream.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.AspectRatio;
import dev.seedream.CallContext;
import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.PollPolicy;
import dev.seedream.Quality;
import dev.seedream.Run;
import dev.seedream.SeedreamAsyncClient;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import dev.seedream.transport.apache.ApacheHttpTransport;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The observations of a client against the testkit's fake, on both transports. */
class SeedreamObservationsTest {
  static final PollPolicy FAST =
      PollPolicy.custom().initialDelay(Duration.ofMillis(20)).interval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(50)).build();
  static final java.util.function.Predicate<Observation.ContextView> UNDER_OPERATION =
      parent -> parent.getName().equals(SeedreamObservations.OPERATION);
  static final String PROMPT = "A cinematic product photo of a ceramic lamp";

  FakeRunbase fake;
  TestObservationRegistry registry;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 2)).start();
    registry = TestObservationRegistry.create();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    fake.close();
  }

  SeedreamAsyncClient client(String transport, SeedreamObservations observations,
      UnaryOperator<dev.seedream.ClientBuilder<SeedreamAsyncClient>> more) {
    dev.seedream.ClientBuilder<SeedreamAsyncClient> builder = SeedreamAsyncClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .rateBudget(RateBudget.unlimited())
        .pollPolicy(FAST)
        .listener(observations);
    if (transport.equals("apache")) {
      ApacheHttpTransport apache = ApacheHttpTransport.create();
      open.add(apache);
      builder.transport(apache);
    } else {
      ReactorNettyTransport reactor = ReactorNettyTransport.builder().eventLoopThreads(2).build();
      open.add(reactor);
      builder.transport((AsyncHttpTransport) reactor);
    }
    SeedreamAsyncClient client = more.apply(builder).build();
    open.add(client);
    return client;
  }

  static GenerationRequest request() {
    return GenerationRequest.builder().prompt(PROMPT).aspectRatio(AspectRatio.RATIO_16_9).quality(Quality.HIGH).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void aGenerationIsOneObservationWithItsRequestsNestedUnderIt(String transport) {
    SeedreamObservations observations = SeedreamObservations.create(registry, transport);
    Run run = client(transport, observations, b -> b).generate(request()).join();

    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(SeedreamObservations.OPERATION, 1)
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasContextualNameEqualTo("seedream generate")
        .hasLowCardinalityKeyValue("seedream.operation", "generate")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasLowCardinalityKeyValue("error", "none")
        .hasLowCardinalityKeyValue("seedream.aspect.ratio", "16:9")
        .hasLowCardinalityKeyValue("seedream.quality", "high")
        .hasLowCardinalityKeyValue("seedream.transport", transport)
        .hasHighCardinalityKeyValue("seedream.run.id", run.id().value())
        .doesNotHaveError()
        .doesNotHaveParentObservation()
        .hasBeenStopped();
    assertThat(registry)
        .hasAnObservation(o -> o.hasNameEqualTo(SeedreamObservations.REQUEST)
            .hasLowCardinalityKeyValue("seedream.request.kind", "create")
            .hasLowCardinalityKeyValue("http.method", "POST")
            .hasLowCardinalityKeyValue("http.path", "/api/v1/runs")
            .hasLowCardinalityKeyValue("http.status", "200")
            .hasHighCardinalityKeyValue("seedream.attempt", "1"))
        .hasAnObservation(o -> o.hasNameEqualTo(SeedreamObservations.REQUEST)
            .hasLowCardinalityKeyValue("seedream.request.kind", "read")
            .hasLowCardinalityKeyValue("http.path", "/api/v1/runs/{id}")
            .hasHighCardinalityKeyValue("seedream.run.id", run.id().value()))
        .forAllObservationsWithNameEqualTo(SeedreamObservations.REQUEST, o -> o
            .hasParentObservationContextMatching(UNDER_OPERATION)
            .hasLowCardinalityKeyValue("outcome", "success"));
    assertNoSecretOrIdIsLowCardinality(run.id().value());
    assertThat(observations.requestsInFlight()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void aDownloadIsOneObservationWithEachImageRequestNestedUnderIt(String transport, @TempDir Path out) {
    SeedreamAsyncClient client = client(transport, SeedreamObservations.create(registry, transport), b -> b);
    Run run = client.generate(request()).join();
    registry.clear();

    List<Path> files = client.download(run, out).join();

    assertThat(files).hasSize(run.outputUrls().size());
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(SeedreamObservations.OPERATION, 1)
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasLowCardinalityKeyValue("seedream.operation", "download")
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasBeenStopped();
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(SeedreamObservations.REQUEST, files.size())
        .forAllObservationsWithNameEqualTo(SeedreamObservations.REQUEST, o -> o
            .hasLowCardinalityKeyValue("seedream.request.kind", "download")
            .hasLowCardinalityKeyValue("outcome", "success")
            .hasParentObservationContextMatching(UNDER_OPERATION));
    assertNoSecretOrIdIsLowCardinality(run.id().value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void anInjected402EndsTheGenerationInAnErrorWithItsCode(String transport) {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));
    SeedreamAsyncClient client = client(transport, SeedreamObservations.create(registry, transport), b -> b);

    assertThatThrownBy(() -> client.generate(request()).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(InsufficientBalanceException.class);

    assertThat(registry)
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasLowCardinalityKeyValue("outcome", "failure")
        .hasLowCardinalityKeyValue("error", "InsufficientBalanceException")
        .hasLowCardinalityKeyValue("seedream.error.code", "insufficient_balance")
        .hasError()
        .hasBeenStopped();
    assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(SeedreamObservations.REQUEST, 1)
        .hasObservationWithNameEqualTo(SeedreamObservations.REQUEST).that()
        .hasLowCardinalityKeyValue("http.status", "402")
        .hasLowCardinalityKeyValue("outcome", "client_error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void aRetried429IsARequestWithItsStatusAndEventsOnTheGeneration(String transport) {
    fake.injectNext(Endpoint.GET, 1, Failure.error(RunbaseError.RATE_LIMITED).withRetryAfter(Duration.ofMillis(10)));
    List<String> events = new ArrayList<>();
    registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
      @Override
      public void onEvent(Observation.Event event, Observation.Context context) {
        synchronized (events) {
          events.add(context.getName() + ":" + event.getName());
        }
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    client(transport, SeedreamObservations.create(registry, transport), b -> b).generate(request()).join();

    assertThat(registry)
        .hasAnObservation(o -> o.hasNameEqualTo(SeedreamObservations.REQUEST)
            .hasLowCardinalityKeyValue("http.status", "429")
            .hasLowCardinalityKeyValue("outcome", "rate_limited")
            .hasHighCardinalityKeyValue("seedream.attempt", "1"))
        .hasAnObservation(o -> o.hasNameEqualTo(SeedreamObservations.REQUEST)
            .hasLowCardinalityKeyValue("seedream.request.kind", "read")
            .hasHighCardinalityKeyValue("seedream.attempt", "2"));
    synchronized (events) {
      assertThat(events).contains(
          SeedreamObservations.OPERATION + ":" + SeedreamObservations.RETRY,
          SeedreamObservations.OPERATION + ":" + SeedreamObservations.RATE_LIMITED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void waitsForTheBudgetAreObservedAndGaugesCountWhatIsInFlight(String transport) {
    SeedreamObservations observations = SeedreamObservations.create(registry, transport);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new SeedreamMeterBinder(observations).bindTo(meters);
    List<Integer> inFlightSeen = new ArrayList<>();
    List<Integer> waitingSeen = new ArrayList<>();
    SeedreamListener probe = new SeedreamListener() {
      @Override
      public Exchange requestStarted(Request request) {
        synchronized (inFlightSeen) {
          inFlightSeen.add((int) meters.get(SeedreamMeterBinder.IN_FLIGHT).gauge().value());
        }
        return Exchange.NONE;
      }

      @Override
      public void waitingForBudget(String request, Duration wait) {
        synchronized (waitingSeen) {
          waitingSeen.add((int) meters.get(SeedreamMeterBinder.WAITING).gauge().value());
        }
      }
    };
    SeedreamAsyncClient client =
        client(transport, observations, b -> b.rateBudget(RateBudget.slidingWindow(1, Duration.ofMillis(150))));

    client.withContext(CallContext.of("job-7").withListener(probe)).generate(request()).join();

    assertThat(registry)
        .hasAnObservation(o -> o.hasNameEqualTo(SeedreamObservations.BUDGET_WAIT))
        .forAllObservationsWithNameEqualTo(SeedreamObservations.BUDGET_WAIT, o -> o
            .hasLowCardinalityKeyValue("outcome", "granted")
            .hasLowCardinalityKeyValue("seedream.request.kind", "read")
            .hasParentObservationContextMatching(UNDER_OPERATION))
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasHighCardinalityKeyValue("seedream.context", "job-7");
    synchronized (inFlightSeen) {
      assertThat(inFlightSeen).isNotEmpty().allMatch(n -> n == 1);
    }
    synchronized (waitingSeen) {
      assertThat(waitingSeen).isNotEmpty().allMatch(n -> n == 1);
    }
    assertThat(meters.get(SeedreamMeterBinder.IN_FLIGHT).gauge().value()).isZero();
    assertThat(meters.get(SeedreamMeterBinder.WAITING).gauge().value()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"apache", "reactor"})
  void aListenerThatThrowsBreaksNoCall(String transport) {
    SeedreamObservations observations = SeedreamObservations.create(registry, transport);
    SeedreamListener throwing = new SeedreamListener() {
      @Override
      public SeedreamListener operationStarted(Operation operation) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public Exchange requestStarted(Request request) {
        throw new IllegalStateException("listener bug");
      }
    };
    SeedreamAsyncClient client = client(transport, observations, b -> b);

    Run run = client.withContext(CallContext.of("job-8").withListener(throwing)).generate(request()).join();

    assertThat(run.id().value()).isNotBlank();
    assertThat(registry)
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasLowCardinalityKeyValue("outcome", "success")
        .hasBeenStopped();
    assertThat(observations.requestsInFlight()).isZero();
  }

  @org.junit.jupiter.api.Test
  void aTransportNameThatCouldCarryAnythingIsRefused() {
    assertThatThrownBy(() -> SeedreamObservations.create(registry, "https://host/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("such as 'apache'");
  }

  /** Neither the key, the prompt, a URL nor a run id is ever a low-cardinality value. */
  private void assertNoSecretOrIdIsLowCardinality(String runId) {
    assertThat(registry).hasHandledContextsThatSatisfy(contexts -> {
      for (Observation.Context context : contexts) {
        for (KeyValue value : context.getLowCardinalityKeyValues()) {
          assertThat(value.getValue()).doesNotContain(runId, fake.apiKey(), "ceramic", "http://", "127.0.0.1");
        }
      }
    });
  }
}
