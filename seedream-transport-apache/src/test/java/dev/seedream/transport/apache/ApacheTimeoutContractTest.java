package dev.seedream.transport.apache;

import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.testkit.contract.TransportTimeoutContract;
import org.junit.jupiter.api.AfterEach;

/** The Apache transport ends every exchange by its timeout, as it says. */
class ApacheTimeoutContractTest extends TransportTimeoutContract {
  private final ApacheHttpTransport transport = ApacheHttpTransport.create();

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
    return transport.exchange(request);
  }

  @Override
  protected HttpResponse download(HttpRequest request) {
    return transport.download(request, chunk -> {});
  }
}
