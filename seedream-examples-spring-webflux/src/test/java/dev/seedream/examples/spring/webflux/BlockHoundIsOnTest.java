package dev.seedream.examples.spring.webflux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The app's tests run under BlockHound: a blocking call on a non-blocking thread fails, so the app's tests would too. */
class BlockHoundIsOnTest {

  @Test
  void aSleepOnANonBlockingThreadFails() {
    assertThatThrownBy(() -> Mono.fromCallable(() -> {
          Thread.sleep(1);
          return "slept";
        }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
        .hasMessageContaining("Blocking call");
  }
}
