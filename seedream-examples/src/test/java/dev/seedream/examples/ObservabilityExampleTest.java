package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testkit.FakeRunbase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

class ObservabilityExampleTest {
  @Test
  void theGuidesExampleTimesTheCallItsRequestsAndHasBothGauges() {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().start()) {
      MeterRegistry meters = ObservabilityExample.observe(fake.apiKey(), fake.baseUrl());
      assertThat(meters.get("seedream.operation").tag("outcome", "success").tag("seedream.operation", "generate")
          .timer().count()).isEqualTo(1);
      assertThat(meters.get("seedream.request").tag("seedream.request.kind", "create").timer().count()).isEqualTo(1);
      assertThat(meters.get("seedream.requests.in.flight").gauge().value()).isZero();
      assertThat(meters.get("seedream.budget.waiting").gauge().value()).isZero();
    }
  }
}
