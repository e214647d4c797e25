package dev.seedream.spring.boot;

import dev.seedream.transport.reactor.ReactorNettyTransport;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.http.client.HttpClient;

/** Boot's Reactor Netty resources, loaded only when spring-web is on the classpath. */
final class BootReactorResources {
  private BootReactorResources() {}

  /** A transport on the context's ReactorResourceFactory (which keeps owning them), or null without one. */
  static ReactorNettyTransport transport(BeanFactory beans) {
    ReactorResourceFactory factory = beans.getBeanProvider(ReactorResourceFactory.class).getIfUnique();
    if (factory == null) {
      return null;
    }
    return ReactorNettyTransport.create(
        HttpClient.create(factory.getConnectionProvider()).runOn(factory.getLoopResources()));
  }
}
