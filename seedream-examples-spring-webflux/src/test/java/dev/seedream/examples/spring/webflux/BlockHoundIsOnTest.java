package dev.seedream.examples.spring.webflux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The app's tests run under BlockHound: a blocking call on a non-blocking thread fails, so the app's tests would too. */
class BlockHoundIsOnTest {

  @Test
  void aParkOnANonBlockingThreadFails() {
    assertThatThrownBy(() -> Mono.fromCallable(() -> new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS))
            .subscribeOn(Schedulers.parallel())
            .block(Duration.ofSeconds(10)))
        .hasMessageContaining("Blocking call");
  }
}
