package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

/** BlockHound is installed for every test of this module (blockhound-junit-platform); this shows it watches the transport's threads. */
class BlockHoundTest extends TransportTestSupport {

  @Test
  void aBlockingCallOnAnEventLoopThreadFailsTheExchange() throws Exception {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1024])));

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri("/image.png")).build(), chunk -> {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableFuture.completedFuture(null);
    }));

    assertThat(failure).isInstanceOf(BlockingOperationError.class);
  }
}
