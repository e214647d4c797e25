package dev.seedream.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.contract.SeedreamClientContract;
import dev.seedream.transport.apache.ApacheHttpTransport;

// tag::contract[]
class ApacheTransportContractTest extends SeedreamClientContract {
  final ApacheHttpTransport transport = ApacheHttpTransport.create();   // your transport here

  @Override
  protected ClientBuilder<SeedreamClient> withTransport(ClientBuilder<SeedreamClient> builder) {
    return builder.transport(transport);
  }

  @Override
  protected void assertNoConnectionLeaked() {
    int leased = transport.poolStats().leased();
    transport.close();
    assertEquals(0, leased, "connections still leased after the test");
  }
}
// end::contract[]
