package dev.seedream.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.contract.SeedreamClientContract;

/** The blocking client over Apache HttpClient 5 passes the contract against the fake Runbase. */
class ApacheContractTest extends SeedreamClientContract {
  private final ApacheHttpTransport transport = ApacheHttpTransport.create();

  @Override
  protected ClientBuilder<SeedreamClient> withTransport(ClientBuilder<SeedreamClient> builder) {
    return builder.transport(transport);
  }

  @Override
  protected void assertNoConnectionLeaked() {
    PoolStats stats = transport.poolStats();
    transport.close();
    assertThat(stats.leased()).as("leased connections after the test: %s", stats).isZero();
    assertThat(stats.pending()).isZero();
  }
}
