package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.RunbaseScript;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import org.junit.jupiter.api.Test;

class ClientToStringTest {
  private static final String KEY = SecretsTest.CANARY;

  @Test
  void aClientShowsItsBaseUrlTransportAndRedactedKey() {
    VirtualScheduler time = new VirtualScheduler();
    ScriptedServer server = new ScriptedServer(time::nanoTime, new RunbaseScript("pending"));
    try (SeedreamClient client = SeedreamClient.builder().apiKey(KEY).baseUrl("https://gateway.example.com/proxy")
        .transport(server).codec(new TextCodec()).scheduler(time).build()) {
      assertThat(client.toString()).isEqualTo("SeedreamClient{baseUrl=https://gateway.example.com/proxy,"
          + " transport=ScriptedServer (non-blocking), key=" + ApiKey.of(KEY).redacted() + "}");
      assertThat(client.async().toString()).startsWith("SeedreamAsyncClient{baseUrl=https://gateway.example.com/proxy,")
          .doesNotContain(KEY);
    }
  }

  @Test
  void aBuilderShowsWhatItHoldsAndWhereTheRestWillComeFrom() {
    ClientBuilder<SeedreamClient> builder = SeedreamClient.builder();
    assertThat(builder.toString()).isEqualTo(
        "ClientBuilder{baseUrl=RUNBASE_BASE_URL or https://runbase.net, transport=found on the classpath,"
            + " key=RUNBASE_API_KEY}");

    builder.apiKey(KEY).baseUrl("http://127.0.0.1:8080").transport(new ScriptedServer(() -> 0, new RunbaseScript()));
    assertThat(builder.toString()).isEqualTo("ClientBuilder{baseUrl=http://127.0.0.1:8080,"
        + " transport=ScriptedServer (non-blocking), key=" + ApiKey.of(KEY).redacted() + "}");
    assertThat(ApiKey.of(KEY).redacted()).doesNotContain(KEY).startsWith("sk-...");
  }
}
