package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.ConfigurationException;
import dev.seedream.SeedreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class SecurityExamplesTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  @Test
  void anApiKeyShowsOnlyItsPrefixAndLastFourCharacters() {
    StdStreams[] streams = new StdStreams[1];
    String shown = StdStreams.capture(() -> SecurityExamples.redacted(KEY), streams);
    assertThat(shown).isEqualTo("ApiKey[sk-...cdef]");
    assertThat(streams[0].out.strip()).isEqualTo("ApiKey[sk-...cdef]");
  }

  @Test
  void plainHttpToAnotherHostNeedsTheOptIn() {
    try (SeedreamClient client = SecurityExamples.insecureClient("http://runbase-proxy.internal:8080", KEY)) {
      assertThat(client).isNotNull();
    }
    assertThatThrownBy(() -> SeedreamClient.builder().apiKey(KEY).baseUrl("http://runbase-proxy.internal:8080").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("allowInsecureHttp(true)")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void plainHttpToLoopbackNeedsNoOptIn() {
    try (SeedreamClient client = SeedreamClient.builder().apiKey(KEY).baseUrl("http://127.0.0.1:9").build()) {
      assertThat(client).isNotNull();
    }
  }
}
