package dev.seedream.transport.reactor;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A WireMock extension that holds every answer of a stub marked {@code withTransformers("gate")}
 * on the server's thread until the test opens the gate, so tests order events without sleeping.
 */
final class Gate implements ResponseDefinitionTransformerV2 {
  static final String NAME = "gate";

  private final CountDownLatch open = new CountDownLatch(1);
  private final Semaphore arrived = new Semaphore(0);

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    arrived.release();
    try {
      open.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return serveEvent.getResponseDefinition();
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** Waits until {@code count} requests are held at the gate. */
  void awaitArrivals(int count) throws InterruptedException {
    if (!arrived.tryAcquire(count, 10, TimeUnit.SECONDS)) {
      throw new AssertionError("fewer than " + count + " requests reached the server");
    }
  }

  void open() {
    open.countDown();
  }
}
