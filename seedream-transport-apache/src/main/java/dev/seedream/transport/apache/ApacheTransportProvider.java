package dev.seedream.transport.apache;

import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.HttpTransportProvider;
import dev.seedream.spi.TransportOptions;
import java.util.Objects;

/**
 * Makes an {@link ApacheHttpTransport} for a client that found this module on the classpath;
 * registered in {@code META-INF/services/dev.seedream.spi.HttpTransportProvider} under the name
 * {@code "apache"}.
 */
public final class ApacheTransportProvider implements HttpTransportProvider {
  /** A provider; {@link java.util.ServiceLoader} calls this. */
  public ApacheTransportProvider() {}

  @Override
  public String name() {
    return "apache";
  }

  /** A transport with the options' connect timeout and as many connections, in total and per host. */
  @Override
  public HttpTransport create(TransportOptions options) {
    Objects.requireNonNull(options, "options");
    return ApacheHttpTransport.builder(options).build();
  }
}
