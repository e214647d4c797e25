package dev.seedream.examples;

import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import dev.seedream.micrometer.SeedreamMeterBinder;
import dev.seedream.micrometer.SeedreamObservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/** Micrometer observations and gauges of a client, without Spring. */
public final class ObservabilityExample {
  private ObservabilityExample() {}

  /** Generates one image against {@code baseUrl} with {@code apiKey}; returns the meters it made. */
  public static MeterRegistry observe(String apiKey, String baseUrl) {
    // tag::observations[]
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));

    SeedreamObservations listener = SeedreamObservations.create(observations, "apache");
    new SeedreamMeterBinder(listener).bindTo(meters);                  // the two gauges
    try (SeedreamClient client = SeedreamClient.builder()
        .apiKey(apiKey)
        .baseUrl(baseUrl)
        .listener(listener)
        .build()) {
      Run run = client.generate(GenerationRequest.builder().prompt("A ceramic lamp").build());
      System.out.println(run.id() + ": " + meters.get("seedream.operation").timer().count() + " call timed");
    }
    // end::observations[]
    return meters;
  }
}
