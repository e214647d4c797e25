package dev.seedream.testkit.internal;

import dev.seedream.testkit.RunbaseError;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The account's balance, and each key's spending and runs, charged and refunded atomically. */
final class Ledger {
  private final Settings settings;
  private long balanceCents;
  private final Map<String, Long> spentByKey = new HashMap<>();
  private final Map<String, Long> runsByKey = new HashMap<>();

  Ledger(Settings settings) {
    this.settings = settings;
    this.balanceCents = settings.balanceCents();
  }

  /** Charges one run to the key, or says which documented error refuses it (nothing is charged then). */
  synchronized Optional<RunbaseError> charge(String key) {
    long cost = Settings.COST_CENTS;
    long spent = spentByKey.getOrDefault(key, 0L);
    if (settings.spendLimitCentsPerKey() != Settings.UNLIMITED && spent + cost > settings.spendLimitCentsPerKey()) {
      return Optional.of(RunbaseError.API_KEY_SPEND_LIMIT_EXCEEDED);
    }
    if (balanceCents < cost) {
      return Optional.of(RunbaseError.INSUFFICIENT_BALANCE);
    }
    long runs = runsByKey.getOrDefault(key, 0L);
    if (settings.runQuotaPerKey() != Settings.UNLIMITED && runs >= settings.runQuotaPerKey()) {
      return Optional.of(RunbaseError.USAGE_EXCEEDED);
    }
    balanceCents -= cost;
    spentByKey.put(key, spent + cost);
    runsByKey.put(key, runs + 1);
    return Optional.empty();
  }

  /** Gives back the cost of a failed run. */
  synchronized void refund(String key) {
    balanceCents += Settings.COST_CENTS;
    spentByKey.merge(key, -Settings.COST_CENTS, Long::sum);
  }

  synchronized long balanceCents() {
    return balanceCents;
  }

  synchronized void reset() {
    balanceCents = settings.balanceCents();
    spentByKey.clear();
    runsByKey.clear();
  }
}
