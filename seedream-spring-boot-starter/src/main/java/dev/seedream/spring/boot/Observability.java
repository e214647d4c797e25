package dev.seedream.spring.boot;

import dev.seedream.SeedreamListener;
import dev.seedream.micrometer.SeedreamMeterBinder;
import dev.seedream.micrometer.SeedreamObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/** The Micrometer side, loaded only when Micrometer is on the classpath. */
final class Observability {
  private Observability() {}

  /** Observations into the context's ObservationRegistry, and gauges into its MeterRegistry; null without a registry. */
  static SeedreamListener listener(BeanFactory beans, String transport) {
    ObservationRegistry registry = beans.getBeanProvider(ObservationRegistry.class).getIfUnique();
    if (registry == null) {
      return null;
    }
    SeedreamObservations observations = SeedreamObservations.create(registry, transport);
    if (ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", Observability.class.getClassLoader())) {
      Gauges.bind(beans, observations);
    }
    return observations;
  }

  /** The gauges, with micrometer-core. */
  private static final class Gauges {
    static void bind(BeanFactory beans, SeedreamObservations observations) {
      beans.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class)
          .ifUnique(meters -> new SeedreamMeterBinder(observations).bindTo(meters));
    }
  }
}
