package dev.seedream.ratelimit.redis.internal;

import dev.seedream.ApiKey;

/** The Redis keys of one API key's budget: a prefix and the key's SHA-256, never the key. */
public final class KeyNames {
  /** The default prefix. */
  public static final String DEFAULT_PREFIX = "seedream:rate-budget:";

  private KeyNames() {}

  /** The sorted set of places held, and the hash of the epoch; one hash tag, for one Cluster slot later. */
  public static String[] of(String prefix, ApiKey key) {
    String tag = prefix + "{" + key.fingerprint() + "}";
    return new String[] {tag + ":held", tag + ":epoch"};
  }
}
