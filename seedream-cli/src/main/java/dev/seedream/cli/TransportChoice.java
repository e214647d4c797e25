package dev.seedream.cli;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import dev.seedream.spi.TransportOptions;
import dev.seedream.transport.apache.ApacheTransportProvider;
import dev.seedream.transport.reactor.ReactorTransportProvider;
import java.util.Locale;

/** The value of {@code --transport}: which HTTP transport the command's client uses. */
enum TransportChoice {
  /** Apache HttpClient 5, blocking; the default. */
  APACHE {
    @Override
    AutoCloseable install(ClientBuilder<SeedreamClient> builder, TransportOptions options) {
      var transport = new ApacheTransportProvider().create(options);
      builder.transport(transport);
      return transport;
    }
  },
  /** Reactor Netty, non-blocking. */
  REACTOR {
    @Override
    AutoCloseable install(ClientBuilder<SeedreamClient> builder, TransportOptions options) {
      var transport = new ReactorTransportProvider().create(options);
      builder.transport(transport);
      return transport;
    }
  };

  /** Sets a new transport on the builder and returns it: the builder's client does not close it. */
  abstract AutoCloseable install(ClientBuilder<SeedreamClient> builder, TransportOptions options);

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
