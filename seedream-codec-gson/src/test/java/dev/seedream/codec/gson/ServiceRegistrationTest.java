package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.Providers;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
  @Test
  void theCodecIsFoundOnTheClasspath() {
    assertThat(Providers.codec(getClass().getClassLoader())).isInstanceOf(GsonJsonCodec.class);
  }

  @Test
  void oneInstanceIsSharedSafelyBetweenThreads() throws Exception {
    JsonCodec codec = new GsonJsonCodec();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 200; i++) {
        String id = "run_" + i;
        futures.add(pool.submit(() -> codec.readRun(("{\"id\":\"" + id + "\",\"status\":\"pending\"}").getBytes()).id().value()));
      }
      for (int i = 0; i < 200; i++) {
        assertThat(futures.get(i).get()).isEqualTo("run_" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
