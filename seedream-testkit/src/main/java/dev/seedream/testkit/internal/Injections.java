package dev.seedream.testkit.internal;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The failures waiting for requests: "the next N requests of an endpoint" rules are used up first,
 * in the order they were added, then probability rules are drawn from the seed.
 */
final class Injections {
  private static final class Rule {
    final Endpoint endpoint;
    final Failure failure;
    int remaining;
    final double probability;

    Rule(Endpoint endpoint, Failure failure, int remaining, double probability) {
      this.endpoint = endpoint;
      this.failure = failure;
      this.remaining = remaining;
      this.probability = probability;
    }
  }

  private final long seed;
  private final List<Rule> rules = new ArrayList<>();
  private Random random;

  Injections(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  synchronized void next(Endpoint endpoint, int times, Failure failure) {
    rules.add(new Rule(endpoint, failure, times, 0));
  }

  synchronized void withProbability(Endpoint endpoint, double probability, Failure failure) {
    rules.add(new Rule(endpoint, failure, -1, probability));
  }

  /** The failure for this request, if one applies; counts it against its rule. */
  synchronized Optional<Failure> take(Endpoint endpoint) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if (rule.endpoint == endpoint && rule.remaining > 0) {
        if (--rule.remaining == 0) {
          it.remove();
        }
        return Optional.of(rule.failure);
      }
    }
    for (Rule rule : rules) {
      if (rule.endpoint == endpoint && rule.remaining < 0 && random.nextDouble() < rule.probability) {
        return Optional.of(rule.failure);
      }
    }
    return Optional.empty();
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized void reset() {
    rules.clear();
    random = new Random(seed);
  }
}
