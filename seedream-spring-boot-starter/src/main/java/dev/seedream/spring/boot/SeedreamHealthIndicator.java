package dev.seedream.spring.boot;

import dev.seedream.AuthenticationException;
import dev.seedream.RunId;
import dev.seedream.RunNotFoundException;
import dev.seedream.SeedreamAsyncClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether Runbase answers with this key: reads a run that does not exist, which Runbase answers 404
 * to a valid key (up) and 401 to a bad one (down). <b>Each read costs one request of the key's rate
 * budget</b> (20 per 10 s), which is why it is off unless {@code seedream.health.enabled=true}.
 * Waits at most {@code timeout}. The details never hold the key or the server's text.
 *
 * @since 0.1.0
 */
public final class SeedreamHealthIndicator implements HealthIndicator {
  /** The id read: no run has it. */
  static final RunId PROBE = RunId.of("seedream-health-probe");

  private final SeedreamAsyncClient client;
  private final Duration timeout;

  /** A health indicator on {@code client}, which waits at most {@code timeout} for an answer. */
  public SeedreamHealthIndicator(SeedreamAsyncClient client, Duration timeout) {
    this.client = java.util.Objects.requireNonNull(client, "client");
    this.timeout = java.util.Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Health health() {
    try {
      client.get(PROBE).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Health.up().build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RunNotFoundException) {
        return Health.up().build();
      }
      return Health.down().withDetail("error", cause.getClass().getSimpleName())
          .withDetail("reason", cause instanceof AuthenticationException ? "the API key was refused" : "no usable answer")
          .build();
    } catch (TimeoutException e) {
      return Health.down().withDetail("error", "no answer within " + timeout).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().build();
    }
  }
}
