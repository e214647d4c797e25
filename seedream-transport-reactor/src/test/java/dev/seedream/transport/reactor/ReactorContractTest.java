package dev.seedream.transport.reactor;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.contract.SeedreamClientContract;

/** The engine over Reactor Netty passes the contract against the fake Runbase, under BlockHound. */
class ReactorContractTest extends SeedreamClientContract {
  private final ReactorNettyTransport transport = ReactorNettyTransport.create();

  @Override
  protected ClientBuilder<SeedreamClient> withTransport(ClientBuilder<SeedreamClient> builder) {
    return builder.transport(transport);
  }

  @Override
  protected void assertNoConnectionLeaked() {
    try {
      TransportTestSupport.awaitZero("connections still acquired", () -> transport.acquiredConnections().orElse(0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      transport.close();
    }
  }
}
