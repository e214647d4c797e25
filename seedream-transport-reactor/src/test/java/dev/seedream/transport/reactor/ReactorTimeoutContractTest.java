package dev.seedream.transport.reactor;

import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.testkit.contract.TransportTimeoutContract;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;

/** The Reactor Netty transport completes every exchange by its timeout, as it says. */
class ReactorTimeoutContractTest extends TransportTimeoutContract {
  private final ReactorNettyTransport transport = ReactorNettyTransport.create();

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  @Override
  protected boolean enforcesTimeout() {
    return transport.enforcesTimeout();
  }

  @Override
  protected HttpResponse exchange(HttpRequest request) {
    return join(transport.exchange(request));
  }

  @Override
  protected HttpResponse download(HttpRequest request) {
    return join(transport.download(request, chunk -> CompletableFuture.completedStage(null)));
  }

  private static HttpResponse join(CompletableFuture<HttpResponse> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }
}
