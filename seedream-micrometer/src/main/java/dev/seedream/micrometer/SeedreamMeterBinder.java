package dev.seedream.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * The gauges of a {@link SeedreamObservations}: {@value #IN_FLIGHT} (requests sent and not yet
 * answered) and {@value #WAITING} (requests waiting for the rate budget). Needs {@code
 * micrometer-core}, which this module depends on optionally: the Observation API alone has no gauges.
 *
 * <pre>{@code
 * new SeedreamMeterBinder(observations).bindTo(meterRegistry);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SeedreamMeterBinder implements MeterBinder {
  /** The gauge of requests in flight. */
  public static final String IN_FLIGHT = "seedream.requests.in.flight";
  /** The gauge of requests waiting for the rate budget. */
  public static final String WAITING = "seedream.budget.waiting";

  private final SeedreamObservations observations;

  /** The gauges of {@code observations}. */
  public SeedreamMeterBinder(SeedreamObservations observations) {
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(IN_FLIGHT, observations, SeedreamObservations::requestsInFlight)
        .description("Seedream requests sent and not yet answered")
        .register(registry);
    Gauge.builder(WAITING, observations, SeedreamObservations::requestsWaitingForBudget)
        .description("Seedream requests waiting for the rate budget")
        .register(registry);
  }
}
