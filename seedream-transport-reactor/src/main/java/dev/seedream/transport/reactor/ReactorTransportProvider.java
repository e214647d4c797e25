package dev.seedream.transport.reactor;

import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.AsyncHttpTransportProvider;
import dev.seedream.spi.TransportOptions;
import java.util.Objects;

/** Makes a {@link ReactorNettyTransport} for clients that find their transport with {@link java.util.ServiceLoader}. */
public final class ReactorTransportProvider implements AsyncHttpTransportProvider {
  @Override
  public String name() {
    return "reactor";
  }

  @Override
  public AsyncHttpTransport create(TransportOptions options) {
    Objects.requireNonNull(options, "options");
    return ReactorNettyTransport.builder()
        .connectTimeout(options.connectTimeout())
        .maxConnections(options.maxConnections())
        .build();
  }
}
