package dev.seedream.testkit.internal;

import java.util.Locale;

/** Deterministic ids, keys and per-run seeds from the fake's seed. */
final class Ids {
  private Ids() {}

  /** SplitMix64's finaliser: a good 64-bit mix of {@code seed} and {@code n}. */
  static long mix(long seed, long n) {
    long z = seed + 0x9E3779B97F4A7C15L * (n + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The id of the {@code n}-th run: {@code run_} and 20 hex digits. */
  static String runId(long seed, long n) {
    return "run_" + hex(mix(seed, n)) + hex(mix(seed ^ 0x5DEECE66DL, n)).substring(0, 4);
  }

  /** The default test key of a fake with this seed: {@code sk-test-} and 32 hex digits. */
  static String apiKey(long seed) {
    return "sk-test-" + hex(mix(seed, -7)) + hex(mix(seed, -8));
  }

  private static String hex(long value) {
    return String.format(Locale.ROOT, "%016x", value);
  }
}
