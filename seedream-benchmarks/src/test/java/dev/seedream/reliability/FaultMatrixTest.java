package dev.seedream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.ApiException;
import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.RetryPolicy;
import dev.seedream.Run;
import dev.seedream.RunMayExistException;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.ServerException;
import dev.seedream.TransportException;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.NetworkFault;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure the fake can inject, once, on the create and on the poll of one {@code generate},
 * over every transport. Each cell ends in a succeeded run after retries or in the documented
 * exception, within the call's deadline, with never a second run created and no connection left
 * leased.
 */
@ExtendWith(Canary.class)
class FaultMatrixTest {
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);
  static final Duration DEADLINE = Duration.ofSeconds(8);

  static FakeRunbase fake;
  static final List<TransportUnderTest> transports = new ArrayList<>();

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().apiKeys(Canary.KEY).noRateLimit().progression(Progression.afterPolls(0, 1)).start();
    TransportUnderTest.names().forEach(name -> transports.add(TransportUnderTest.create(name)));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TransportUnderTest transport : transports) {
      transport.close();
    }
    fake.close();
  }

  /** What a cell must end in. */
  record Expected(String description, Consumer<Throwable> check) {
    static Expected success() {
      return new Expected("a succeeded run", null);
    }

    static Expected failure(String description, Consumer<Throwable> check) {
      return new Expected(description, check);
    }

    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (String transport : TransportUnderTest.names()) {
      for (Endpoint endpoint : List.of(Endpoint.CREATE, Endpoint.GET)) {
        for (Failure failure : failures()) {
          cells.add(Arguments.of(transport, endpoint, failure, expected(endpoint, failure)));
        }
      }
    }
    return cells.stream();
  }

  static List<Failure> failures() {
    List<Failure> failures = new ArrayList<>();
    for (NetworkFault fault : NetworkFault.values()) {
      failures.add(Failure.fault(fault));
    }
    for (RunbaseError error : RunbaseError.values()) {
      failures.add(Failure.error(error));
    }
    for (int status : new int[] {500, 502, 503}) {
      failures.add(Failure.serverError(status));
      failures.add(Failure.serverError(status).withRetryAfter(Duration.ofSeconds(1)));
    }
    failures.add(Failure.htmlPage(502));
    failures.add(Failure.delay(ATTEMPT_TIMEOUT.multipliedBy(3)));
    return failures;
  }

  /** The documented outcome (docs/rate-limits-and-polling.md, the table of retries). */
  static Expected expected(Endpoint endpoint, Failure failure) {
    boolean create = endpoint == Endpoint.CREATE;
    switch (failure.kind()) {
      case NETWORK_FAULT:
      case DELAY:
        // A poll is safe to repeat; a create that may have reached the server is not.
        return create
            ? Expected.failure("RunMayExistException (the create may have reached the server)", e -> {
              assertThat(e).isInstanceOf(RunMayExistException.class);
              assertThat(e.getCause()).isInstanceOf(TransportException.class);
            })
            : Expected.success();
      case API_ERROR: {
        RunbaseError error = failure.error().orElseThrow();
        if (error == RunbaseError.RATE_LIMITED) {
          return Expected.success();
        }
        return Expected.failure("ApiException " + error.status() + " " + error.code(), e -> {
          assertThat(e).isInstanceOf(ApiException.class);
          assertThat(((ApiException) e).statusCode()).isEqualTo(error.status());
          assertThat(((ApiException) e).errorCode()).contains(error.code());
        });
      }
      default:
        // 5xx: a poll is retried; a create only on 503 (refused before processing), else it may exist.
        if (!create || failure.status() == 503) {
          return Expected.success();
        }
        return Expected.failure("RunMayExistException after ServerException " + failure.status(), e -> {
          assertThat(e).isInstanceOf(RunMayExistException.class);
          assertThat(e.getCause()).isInstanceOf(ServerException.class);
          assertThat(((ServerException) e.getCause()).statusCode()).isEqualTo(failure.status());
        });
    }
  }

  @ParameterizedTest(name = "{0}: {2} on {1} -> {3}")
  @MethodSource("cells")
  void eachFailureEndsAsDocumented(String transportName, Endpoint endpoint, Failure failure, Expected expected)
      throws Exception {
    TransportUnderTest transport = transports.stream().filter(t -> t.name().equals(transportName)).findFirst().orElseThrow();
    fake.reset();
    fake.injectNext(endpoint, 1, failure);
    Run run = null;
    Throwable error = null;
    try (SeedreamClient client = transport.client(SeedreamClient.builder()
        .baseUrl(fake.baseUrl())
        .rateBudget(RateBudget.unlimited())
        .attemptTimeout(ATTEMPT_TIMEOUT)
        .retryPolicy(RetryPolicy.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(50)).build())
        .pollPolicy(PollPolicy.custom().initialDelay(Duration.ofMillis(5)).interval(Duration.ofMillis(5))
            .maxInterval(Duration.ofMillis(20)).build()))) {
      run = client.generate(GenerationRequest.builder().prompt("fault matrix").build(), DEADLINE);
    } catch (RuntimeException e) {
      error = Canary.clean(e);
    }

    assertThat(fake.journal().injected()).as("the failure was met").hasSize(1);
    if (expected.check() == null) {
      assertThat(error).as("no exception").isNull();
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(fake.runs()).as("exactly one run").hasSize(1);
    } else {
      assertThat(error).as(expected.description()).isNotNull();
      expected.check().accept(error);
      assertThat(fake.runs().size()).as("never a duplicate run").isLessThanOrEqualTo(1);
    }
    assertThat(fake.journal().runsCreated().size()).as("creates answered 200").isLessThanOrEqualTo(1);
    assertThat(transport.leasedAfterSettling()).as("connections leased after the call").isZero();
  }
}
