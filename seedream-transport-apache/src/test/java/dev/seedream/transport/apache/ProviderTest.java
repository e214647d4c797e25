package dev.seedream.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.HttpTransportProvider;
import dev.seedream.spi.Providers;
import dev.seedream.spi.TransportOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderTest {
  @Test
  void theProviderIsFoundOnTheClasspathUnderItsName() {
    HttpTransportProvider provider = Providers.blockingTransport(getClass().getClassLoader());

    assertThat(provider).isInstanceOf(ApacheTransportProvider.class);
    assertThat(provider.name()).isEqualTo("apache");
  }

  @Test
  void theProviderAppliesTheOptions() {
    try (HttpTransport transport = new ApacheTransportProvider().create(new TransportOptions(Duration.ofSeconds(3), 7))) {
      assertThat(transport).isInstanceOf(ApacheHttpTransport.class);
      assertThat(((ApacheHttpTransport) transport).poolStats()).isEqualTo(new PoolStats(0, 0, 0, 7));
    }
  }

  @Test
  void theCodecComesAlongWithTheTransport() {
    assertThat(Providers.codec(getClass().getClassLoader()).getClass().getName())
        .isEqualTo("dev.seedream.codec.gson.GsonJsonCodec");
  }
}
