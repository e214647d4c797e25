package dev.seedream.spring.boot;

import dev.seedream.SeedreamAsyncClient;
import dev.seedream.SeedreamClient;
import dev.seedream.transport.apache.ApacheHttpTransport;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Seedream clients as beans, by what is on the classpath, each unless the application defines
 * its own, and each closed with the context:
 *
 * <ul>
 *   <li>with {@code seedream-transport-apache}: {@link SeedreamClient} and its {@link
 *       SeedreamAsyncClient} face;
 *   <li>with {@code seedream-transport-reactor}: {@link ReactiveSeedreamClient}, and a {@link
 *       SeedreamAsyncClient} on it when the Apache transport is absent; its Reactor Netty transport
 *       runs on Boot's {@code ReactorResourceFactory} when there is one.
 * </ul>
 *
 * <p>Settings come from {@link SeedreamProperties}, then each {@link SeedreamClientBuilderCustomizer}.
 * With {@code seedream-micrometer} and an {@code ObservationRegistry} bean, the clients are observed.
 * {@code seedream.enabled=false} configures nothing.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "seedream", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SeedreamProperties.class)
public class SeedreamAutoConfiguration {

  @Bean
  ClientSettings seedreamClientSettings(SeedreamProperties properties, Environment environment,
      ObjectProvider<SeedreamClientBuilderCustomizer> customizers, ConfigurableListableBeanFactory beans) {
    return new ClientSettings(properties, environment, customizers, beans);
  }

  /** The blocking client, with the Apache transport. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ApacheHttpTransport.class)
  static class Apache {
    @Bean
    @ConditionalOnMissingBean
    SeedreamClient seedreamClient(ClientSettings settings) {
      ApacheHttpTransport transport = ApacheHttpTransport.create();
      return settings.apply(SeedreamClient.builder(), "apache").transport(transport).build();
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    SeedreamAsyncClient seedreamAsyncClient(SeedreamClient client) {
      return client.async();                              // closed with the client it belongs to
    }
  }

  /** The reactive client, with the Reactor Netty transport. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ReactorNettyTransport.class)
  static class Reactor {
    @Bean
    @ConditionalOnMissingBean
    ReactorNettyTransport seedreamReactorTransport(ClientSettings settings) {
      return ReactorTransports.create(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveSeedreamClient reactiveSeedreamClient(ClientSettings settings, ReactorNettyTransport transport) {
      return settings.apply(ReactiveSeedreamClient.builder(), "reactor").transport(transport).build();
    }
  }

  /** The {@code CompletableFuture} client on the Reactor transport, when there is no Apache transport. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ReactorNettyTransport.class)
  @ConditionalOnMissingClass("dev.seedream.transport.apache.ApacheHttpTransport")
  static class ReactorAsync {
    @Bean
    @ConditionalOnMissingBean
    SeedreamAsyncClient seedreamAsyncClient(ClientSettings settings, ReactorNettyTransport transport) {
      return settings.apply(SeedreamAsyncClient.builder(), "reactor")
          .transport((dev.seedream.spi.AsyncHttpTransport) transport).build();
    }
  }

  /** The health indicator: off by default, since each read costs a request of the key's budget. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(prefix = "seedream.health", name = "enabled", havingValue = "true")
  static class HealthCheck {
    @Bean
    @ConditionalOnMissingBean(name = "seedreamHealthIndicator")
    SeedreamHealthIndicator seedreamHealthIndicator(SeedreamAsyncClient client, SeedreamProperties properties) {
      return new SeedreamHealthIndicator(client, properties.getHealth().getTimeout());
    }
  }
}
