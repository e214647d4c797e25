package dev.seedream.testkit.internal;

import dev.seedream.testkit.Progression;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The configuration of one fake, fixed at build time. Amounts of money are in cents. */
public record Settings(
    long seed,
    List<String> apiKeys,
    Progression progression,
    double failureProbability,
    List<String> failWhenPromptContains,
    long balanceCents,
    long spendLimitCentsPerKey,
    long runQuotaPerKey,
    Set<String> allowedIps,
    int rateLimitRequests,
    Duration rateLimitWindow,
    int imagesPerRun,
    int imageScale,
    int journalSize,
    Clock clock,
    int port,
    int imagePort) {

  /** The documented cost of one Seedream 4.5 run: $0.05. */
  public static final long COST_CENTS = 5;

  /** No limit, for {@link #spendLimitCentsPerKey} and {@link #runQuotaPerKey}. */
  public static final long UNLIMITED = -1;

  public Settings {
    apiKeys = List.copyOf(apiKeys);
    failWhenPromptContains = List.copyOf(failWhenPromptContains);
    allowedIps = Set.copyOf(allowedIps);
  }

  /** Whether the rate limit is on (a limit of 0 requests turns it off). */
  public boolean rateLimited() {
    return rateLimitRequests > 0;
  }
}
