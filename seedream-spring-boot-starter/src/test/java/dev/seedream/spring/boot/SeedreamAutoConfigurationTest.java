package dev.seedream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.AspectRatio;
import dev.seedream.CancelledException;
import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamAsyncClient;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamListener;
import dev.seedream.micrometer.SeedreamMeterBinder;
import dev.seedream.micrometer.SeedreamObservations;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.transport.apache.ApacheHttpTransport;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

class SeedreamAutoConfigurationTest {
  static FakeRunbase fake;

  ApplicationContextRunner runner;

  @BeforeAll
  static void startFake() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)).start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  SeedreamAutoConfigurationTest() {
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SeedreamAutoConfiguration.class))
        .withPropertyValues(
            "seedream.api-key=" + fake.apiKey(),
            "seedream.base-url=" + fake.baseUrl(),
            "seedream.poll.initial-delay=10ms",
            "seedream.poll.interval=10ms",
            "seedream.poll.max-interval=20ms",
            "seedream.rate-budget.enabled=false");
  }

  static GenerationRequest request() {
    return GenerationRequest.builder().prompt("A ceramic lamp").aspectRatio(AspectRatio.RATIO_1_1).build();
  }

  @Test
  void withBothTransportsEveryClientIsABeanAndGeneratesAgainstTheConfiguredUrl() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(SeedreamClient.class).hasSingleBean(SeedreamAsyncClient.class)
          .hasSingleBean(ReactiveSeedreamClient.class);
      assertThat(context.getBean(SeedreamAsyncClient.class)).isSameAs(context.getBean(SeedreamClient.class).async());
      Run run = context.getBean(SeedreamClient.class).generate(request());
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      Run reactive = context.getBean(ReactiveSeedreamClient.class).generate(request()).block(Duration.ofSeconds(20));
      assertThat(reactive.status()).isEqualTo(RunStatus.SUCCEEDED);
    });
  }

  @Test
  void theClientsAreClosedWithTheContext() {
    SeedreamClient[] blocking = new SeedreamClient[1];
    ReactiveSeedreamClient[] reactive = new ReactiveSeedreamClient[1];
    runner.run(context -> {
      blocking[0] = context.getBean(SeedreamClient.class);
      reactive[0] = context.getBean(ReactiveSeedreamClient.class);
    });
    assertThatThrownBy(() -> blocking[0].generate(request())).isInstanceOf(CancelledException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> reactive[0].generate(request()).block(Duration.ofSeconds(5)))
        .isInstanceOf(CancelledException.class);
  }

  @Test
  void withOnlyTheApacheTransportThereIsNoReactiveClient() {
    runner.withClassLoader(new FilteredClassLoader(ReactorNettyTransport.class)).run(context -> {
      assertThat(context).hasSingleBean(SeedreamClient.class).hasSingleBean(SeedreamAsyncClient.class)
          .doesNotHaveBean(ReactiveSeedreamClient.class).doesNotHaveBean(ReactorNettyTransport.class);
    });
  }

  @Test
  void withOnlyTheReactorTransportTheAsyncClientRunsOnIt() {
    runner.withClassLoader(new FilteredClassLoader(ApacheHttpTransport.class)).run(context -> {
      assertThat(context).doesNotHaveBean(SeedreamClient.class).hasSingleBean(ReactiveSeedreamClient.class)
          .hasSingleBean(SeedreamAsyncClient.class);
      assertThat(context.getBean(SeedreamAsyncClient.class).toString()).contains("ReactorNettyTransport");
      Run run = context.getBean(SeedreamAsyncClient.class).generate(request()).get();
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    });
  }

  @Test
  void disabledConfiguresNothing() {
    runner.withPropertyValues("seedream.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(SeedreamClient.class).doesNotHaveBean(ReactiveSeedreamClient.class)
        .doesNotHaveBean(SeedreamAsyncClient.class));
  }

  @Test
  void aClientOfTheApplicationWins() {
    runner.withBean("mine", SeedreamClient.class,
            () -> SeedreamClient.builder().apiKey(fake.apiKey()).baseUrl(fake.baseUrl()).build())
        .run(context -> {
          assertThat(context).hasSingleBean(SeedreamClient.class);
          assertThat(context).getBean("mine").isSameAs(context.getBean(SeedreamClient.class));
        });
  }

  @Test
  void customizersChangeEveryBuilderAfterTheProperties() {
    List<String> submitted = new CopyOnWriteArrayList<>();
    SeedreamListener listener = new SeedreamListener() {
      @Override
      public void runSubmitted(RunId runId, RunInput input) {
        submitted.add(runId.value());
      }
    };
    runner.withBean(SeedreamClientBuilderCustomizer.class, () -> builder -> builder.listener(listener))
        .run(context -> {
          Run run = context.getBean(SeedreamClient.class).generate(request());
          assertThat(submitted).containsExactly(run.id().value());
        });
  }

  @Test
  void aMissingKeyFailsTheStartupWithTheTwoWaysToSetIt() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SeedreamAutoConfiguration.class))
        .withPropertyValues("RUNBASE_API_KEY=")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingApiKeyException.class)
              .hasMessageContaining("seedream.api-key").hasMessageContaining("RUNBASE_API_KEY");
        });
  }

  @Test
  void theKeyFallsBackToRunbaseApiKey() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SeedreamAutoConfiguration.class))
        .withPropertyValues("RUNBASE_API_KEY=" + fake.apiKey(), "seedream.base-url=" + fake.baseUrl())
        .run(context -> assertThat(context.getBean(SeedreamClient.class).generate(request()).status())
            .isEqualTo(RunStatus.SUCCEEDED));
  }

  @Test
  void withAnObservationRegistryTheClientsAreObservedAndGauged() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    runner.withBean(TestObservationRegistry.class, () -> observations)
        .withBean(SimpleMeterRegistry.class, () -> meters)
        .run(context -> {
          context.getBean(SeedreamClient.class).generate(request());
          TestObservationRegistryAssert.assertThat(observations)
              .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
              .hasLowCardinalityKeyValue("seedream.transport", "apache")
              .hasLowCardinalityKeyValue("outcome", "success");
          assertThat(meters.find(SeedreamMeterBinder.IN_FLIGHT).gauges()).isNotEmpty();
          assertThat(meters.find(SeedreamMeterBinder.WAITING).gauges()).isNotEmpty();
        });
  }

  @Test
  void withoutAnObservationRegistryNothingIsObserved() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    runner.withBean(SimpleMeterRegistry.class, () -> meters).run(context -> {
      context.getBean(SeedreamClient.class).generate(request());
      assertThat(meters.find(SeedreamMeterBinder.IN_FLIGHT).gauges()).isEmpty();
    });
  }

  @Test
  void theReactorTransportRunsOnBootsResourceFactoryWhenThereIsOne() {
    runner.withBean(ReactorResourceFactory.class, ReactorResourceFactory::new).run(context -> {
      ReactorNettyTransport transport = context.getBean(ReactorNettyTransport.class);
      assertThat(transport.acquiredConnections()).isEmpty();    // a transport over a client it does not own
      Run run = context.getBean(ReactiveSeedreamClient.class).generate(request()).block(Duration.ofSeconds(20));
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    });
    runner.run(context -> assertThat(context.getBean(ReactorNettyTransport.class).acquiredConnections()).isPresent());
  }

  @Test
  void theIdeKnowsEveryPropertyAndWhereTheKeyComesFrom() throws Exception {
    String metadata;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(metadata).contains("\"seedream.api-key\"", "RUNBASE_API_KEY", "\"seedream.base-url\"",
        "\"seedream.enabled\"", "\"seedream.deadline\"", "\"seedream.max-connections\"", "\"seedream.max-response-bytes\"",
        "\"seedream.rate-budget.permits\"", "\"seedream.retry.max-attempts\"", "\"seedream.poll.interval\"",
        "\"seedream.connect-timeout\"");
  }

  @Test
  void theHealthIndicatorIsOffByDefaultSinceEachReadCostsARequest() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SeedreamHealthIndicator.class));
    runner.withPropertyValues("seedream.health.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(SeedreamHealthIndicator.class));
  }

  @Test
  void thePropertiesNeverShowTheKey() {
    SeedreamProperties properties = new SeedreamProperties();
    properties.setApiKey(fake.apiKey());
    assertThat(properties.toString()).doesNotContain(fake.apiKey()).contains("not shown");
  }
}
