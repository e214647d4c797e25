package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends TransportTestSupport {
  private static final int EXCHANGES = 200;

  @Test
  void twoHundredConcurrentExchangesCompleteOnTheConfiguredEventLoopThreadsOnly() throws Exception {
    server.stubFor(get("/api/v1/runs/run_1").willReturn(aResponse().withStatus(200).withBody("{}")
        .withTransformers(Gate.NAME)));
    Set<String> completingThreads = ConcurrentHashMap.newKeySet();
    CountDownLatch completed = new CountDownLatch(EXCHANGES);
    List<CompletableFuture<HttpResponse>> exchanges = new ArrayList<>();

    for (int i = 0; i < EXCHANGES; i++) {
      CompletableFuture<HttpResponse> exchange = transport.exchange(HttpRequest.get(uri("/api/v1/runs/run_1")).build());
      // nothing can complete before the gate opens, so this stage runs on the completing thread
      exchange.whenComplete((response, error) -> {
        completingThreads.add(Thread.currentThread().getName());
        completed.countDown();
      });
      exchanges.add(exchange);
    }
    gate.awaitArrivals(40);
    assertThat(transport.acquiredConnections().orElseThrow()).isGreaterThanOrEqualTo(40);
    gate.open();
    // waited for through the latch, not get(): a thread in get() may run a dependent stage itself
    assertThat(completed.await(30, TimeUnit.SECONDS)).isTrue();

    for (CompletableFuture<HttpResponse> exchange : exchanges) {
      assertThat(valueOf(exchange).status()).isEqualTo(200);
    }
    assertThat(completingThreads).isNotEmpty().hasSizeLessThanOrEqualTo(EVENT_LOOP_THREADS)
        .allSatisfy(name -> assertThat(name).startsWith(THREAD_PREFIX));
  }
}
