package dev.seedream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.Run;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.spring.boot.test.AutoConfigureSeedreamFake;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.RunbaseError;
import dev.seedream.validation.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/** A small app, configured by the test annotation alone, against the fake. */
@SpringBootTest(classes = FakeAppTest.App.class, properties = "seedream.health.enabled=true")
@AutoConfigureSeedreamFake
class FakeAppTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired SeedreamClient client;
  @Autowired FakeRunbase fake;
  @Autowired SeedreamHealthIndicator health;

  @AfterEach
  void clear() {
    fake.clearInjections();
  }

  @Test
  void generatesAgainstTheFake() {
    Run run = client.generate(GenerationRequest.builder().prompt("A ceramic lamp").aspectRatio(AspectRatio.RATIO_4_3).build());
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(fake.run(run.id().value())).isPresent();
  }

  @Test
  void anInjected402IsAnInsufficientBalance() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));
    assertThatThrownBy(() -> client.generate(GenerationRequest.builder().prompt("A lamp").build()))
        .isInstanceOf(InsufficientBalanceException.class);
  }

  @Test
  void anInvalidRequestIsRefusedBeforeAnythingIsSent() {
    long before = fake.journal().createRequests();
    assertThatThrownBy(() -> GenerationRequest.builder().prompt(" ").build()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("prompt");
    assertThat(fake.journal().createRequests()).isEqualTo(before);
  }

  @Test
  void theHealthIndicatorIsUpWithAKeyTheFakeAcceptsAndDownWhenItRefusesIt() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    fake.injectNext(Endpoint.GET, 1, Failure.error(RunbaseError.INVALID_API_KEY));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails().toString()).doesNotContain(fake.apiKey());
  }
}
