package dev.seedream.examples;

import dev.seedream.PollPolicy;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.FakeRunbase;
import java.time.Duration;

/** A blocking client for a fake Runbase that polls it often, as a test wants. */
public final class FakeClients {
  private FakeClients() {}

  /** A client with the fake's base URL and key, polling every 20 ms. */
  // tag::client-for-fake[]
  public static SeedreamClient clientFor(FakeRunbase fake) {
    return SeedreamClient.builder()
        .baseUrl(fake.baseUrl())
        .apiKey(fake.apiKey())
        .pollPolicy(PollPolicy.custom()             // the fake answers at once: poll it often
            .initialDelay(Duration.ofMillis(20))
            .interval(Duration.ofMillis(20))
            .learning(false)
            .build())
        .build();
  }
  // end::client-for-fake[]
}
