package dev.seedream.spring.boot;

import dev.seedream.transport.reactor.ReactorNettyTransport;
import org.springframework.util.ClassUtils;

/**
 * The Reactor side of the settings, apart from {@link ClientSettings}: Spring introspects that bean's
 * methods, and a Reactor type in them failed every app without seedream-transport-reactor.
 */
final class ReactorTransports {
  private ReactorTransports() {}

  /** The Reactor Netty transport: on Boot's {@code ReactorResourceFactory} when there is one. */
  static ReactorNettyTransport create(ClientSettings settings) {
    SeedreamProperties properties = settings.properties();
    if (ClassUtils.isPresent("org.springframework.http.client.ReactorResourceFactory", ReactorTransports.class.getClassLoader())) {
      ReactorNettyTransport shared = BootReactorResources.transport(settings.beans());
      if (shared != null) {
        return shared;
      }
    }
    ReactorNettyTransport.Builder builder = ReactorNettyTransport.builder();
    if (properties.getMaxConnections() != null) {
      builder.maxConnections(properties.getMaxConnections());
    }
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    return builder.build();
  }
}
