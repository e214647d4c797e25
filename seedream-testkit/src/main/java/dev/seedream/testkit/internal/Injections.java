package dev.seedream.testkit.internal;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The failures waiting for requests: "the next N requests of an endpoint" rules are used up first,
 * in the order they were added, then probability rules are drawn from the seed. A rule may first
 * let a number of requests to its endpoint pass (whatever answers them, another rule included).
 */
final class Injections {
  private static final class Rule {
    final Endpoint endpoint;
    final Failure failure;
    int skip;
    int remaining;
    final double probability;

    Rule(Endpoint endpoint, Failure failure, int skip, int remaining, double probability) {
      this.endpoint = endpoint;
      this.failure = failure;
      this.skip = skip;
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
    after(endpoint, 0, times, failure);
  }

  /** The {@code times} requests to the endpoint after the next {@code skip} meet the failure. */
  synchronized void after(Endpoint endpoint, int skip, int times, Failure failure) {
    rules.add(new Rule(endpoint, failure, skip, times, 0));
  }

  synchronized void withProbability(Endpoint endpoint, double probability, Failure failure) {
    rules.add(new Rule(endpoint, failure, 0, -1, probability));
  }

  /** The failure for this request, if one applies; counts it against its rule, and against every rule still skipping. */
  synchronized Optional<Failure> take(Endpoint endpoint) {
    Rule chosen = null;
    for (Rule rule : rules) {
      if (rule.endpoint != endpoint) {
        continue;
      }
      if (rule.skip > 0) {
        rule.skip--;
      } else if (chosen == null && rule.remaining > 0) {
        chosen = rule;
      }
    }
    if (chosen != null) {
      if (--chosen.remaining == 0) {
        rules.remove(chosen);
      }
      return Optional.of(chosen.failure);
    }
    for (Rule rule : rules) {
      if (rule.endpoint == endpoint && rule.remaining < 0 && random.nextDouble() < rule.probability) {
        return Optional.of(rule.failure);
      }
    }
    return Optional.empty();
  }

  /** The rules still waiting, at most {@code count}, in words: {@code "CREATE: the next 2 after 3 more: Failure[503]"}. */
  synchronized List<String> describe(int count) {
    List<String> out = new ArrayList<>();
    for (Rule rule : rules.subList(0, Math.min(count, rules.size()))) {
      String when = rule.remaining < 0 ? "with probability " + rule.probability
          : "the next " + rule.remaining + (rule.skip > 0 ? " after " + rule.skip + " more" : "");
      out.add(rule.endpoint + ": " + when + ": " + rule.failure);
    }
    return out;
  }

  synchronized void clear() {
    rules.clear();
  }

  synchronized void reset() {
    rules.clear();
    random = new Random(seed);
  }
}
