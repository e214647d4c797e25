package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.TextCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {
  final ScriptedServer server = new ScriptedServer(System::nanoTime, new RunbaseScript("succeeded"));

  ClientBuilder<SeedreamClient> builder(Map<String, String> env) {
    return SeedreamClient.builder().environment(env::get).transport(server).codec(new TextCodec());
  }

  @Test
  void aMissingKeySaysHowToSetIt() {
    assertThatThrownBy(() -> builder(Map.of()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RUNBASE_API_KEY is not set")
        .hasMessageContaining("apiKey(..)");
  }

  @Test
  void anInvalidKeyInTheEnvironmentIsNamedButNotShown() {
    assertThatThrownBy(() -> builder(Map.of("RUNBASE_API_KEY", "Bearer sk-secret-value")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RUNBASE_API_KEY is not a valid key")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void anInvalidKeyGivenToTheBuilderIsAConfigurationErrorThatNamesTheBuilderButNotTheKey() {
    assertThatThrownBy(() -> builder(Map.of()).apiKey("not-a-key-CANARY"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("apiKey(..)")
        .hasMessageContaining("does not start with 'sk-'")
        .hasMessageNotContaining("RUNBASE_API_KEY")
        .hasMessageNotContaining("CANARY");
    assertThatThrownBy(() -> builder(Map.of("RUNBASE_API_KEY", "not-a-key-CANARY")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("RUNBASE_API_KEY is not a valid key")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void theKeyAndBaseUrlComeFromTheEnvironment() {
    try (SeedreamClient client =
        builder(Map.of("RUNBASE_API_KEY", "sk-from-env-123456", "RUNBASE_BASE_URL", "http://127.0.0.1:9")).build()) {
      client.submit(GenerationRequest.builder().prompt("x").build());
    }
    assertThat(server.received()).hasSize(1);
    assertThat(server.received().get(0).request().uri().toString()).isEqualTo("http://127.0.0.1:9/api/v1/runs");
    assertThat(server.received().get(0).request().headers()).containsEntry("Authorization", "Bearer sk-from-env-123456");
  }

  @Test
  void plainHttpToANonLoopbackHostIsRefusedUnlessAllowed() {
    assertThatThrownBy(() -> builder(Map.of()).apiKey("sk-abcdefgh").baseUrl("http://runbase.net").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unencrypted")
        .hasMessageContaining("allowInsecureHttp(true)");
    builder(Map.of()).apiKey("sk-abcdefgh").baseUrl("http://runbase.net").allowInsecureHttp(true).build().close();
    builder(Map.of()).apiKey("sk-abcdefgh").baseUrl("http://localhost:8080").build().close();
    builder(Map.of()).apiKey("sk-abcdefgh").baseUrl("http://[::1]:8080").build().close();
  }

  @Test
  void badBaseUrlsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> builder(Map.of()).baseUrl("ftp://runbase.net"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://runbase.net");
    assertThatThrownBy(() -> builder(Map.of()).baseUrl("https:///nohost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
    assertThatThrownBy(() -> builder(Map.of("RUNBASE_API_KEY", "sk-abcdefgh", "RUNBASE_BASE_URL", "not a url")).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("RUNBASE_BASE_URL");
  }

  @Test
  void withoutATransportOnTheClasspathTheErrorNamesTheModulesToAdd() {
    assertThatThrownBy(() -> SeedreamClient.builder().apiKey("sk-abcdefgh").codec(new TextCodec()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("seedream-transport-apache")
        .hasMessageContaining("seedream-transport-reactor");
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> SeedreamClient.builder().maxConnections(0)).hasMessageContaining("but was 0");
    assertThatThrownBy(() -> SeedreamClient.builder().deadline(java.time.Duration.ofSeconds(-3))).hasMessageContaining("PT-3S");
    assertThatThrownBy(() -> RetryPolicy.custom().maxAttempts(-3)).hasMessageContaining("-3");
    assertThatThrownBy(() -> PollPolicy.custom().multiplier(0.5)).hasMessageContaining("0.5");
  }

  @Test
  void clientsOnOneKeyShareTheJvmBudgetUntilTheLastIsClosed() {
    ApiKey key = ApiKey.of("sk-client-builder-shares-" + System.nanoTime());
    java.net.URI base = java.net.URI.create("http://127.0.0.1:9");
    dev.seedream.internal.SharedBudgets budgets = dev.seedream.internal.SharedBudgets.jvm();
    SeedreamClient first = builder(Map.of()).apiKey(key).baseUrl(base).build();
    SeedreamClient second = builder(Map.of()).apiKey(key).baseUrl("http://127.0.0.1:9/").build();
    SeedreamClient own = builder(Map.of()).apiKey(key).baseUrl(base).rateBudget(dev.seedream.spi.RateBudget.unlimited()).build();
    assertThat(budgets.holders(key, base)).isEqualTo(2);

    first.close();
    first.close();
    own.close();
    assertThat(budgets.holders(key, base)).isEqualTo(1);
    second.close();
    assertThat(budgets.holders(key, base)).isZero();
  }

  @Test
  void aClientOnAVirtualClockKeepsABudgetOfItsOwn() {
    ApiKey key = ApiKey.of("sk-client-builder-virtual-" + System.nanoTime());
    java.net.URI base = java.net.URI.create("http://127.0.0.1:9");
    try (SeedreamClient client =
        builder(Map.of()).apiKey(key).baseUrl(base).scheduler(new dev.seedream.testing.VirtualScheduler()).build()) {
      assertThat(dev.seedream.internal.SharedBudgets.jvm().holders(key, base)).isZero();
    }
  }
}
