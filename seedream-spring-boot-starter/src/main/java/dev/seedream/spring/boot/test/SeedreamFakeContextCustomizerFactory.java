package dev.seedream.spring.boot.test;

import dev.seedream.testkit.FakeRunbase;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** What {@link AutoConfigureSeedreamFake} does; registered in {@code META-INF/spring.factories}. */
final class SeedreamFakeContextCustomizerFactory implements ContextCustomizerFactory {
  /** The bean name of the fake. */
  static final String BEAN = "seedreamFakeRunbase";

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
    return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureSeedreamFake.class) ? new Fake() : null;
  }

  /** Starts a fake for the context and points the clients at it; every instance is equal, so contexts are cached. */
  static final class Fake implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
      FakeRunbase fake = FakeRunbase.builder().noRateLimit().start();
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("seedreamFake", Map.of(
          "seedream.api-key", fake.apiKey(),
          "seedream.base-url", fake.baseUrl(),
          "seedream.poll.initial-delay", "20ms",
          "seedream.poll.interval", "20ms",
          "seedream.poll.max-interval", "20ms",
          "seedream.rate-budget.enabled", "false")));
      context.getBeanFactory().registerSingleton(BEAN, fake);
      context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
        if (event.getApplicationContext() == context) {
          fake.close();
        }
      });
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Fake;
    }

    @Override
    public int hashCode() {
      return Fake.class.hashCode();
    }
  }
}
