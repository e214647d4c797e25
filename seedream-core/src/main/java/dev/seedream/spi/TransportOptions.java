package dev.seedream.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a client passes to a transport found by {@link java.util.ServiceLoader}.
 *
 * @param connectTimeout how long to wait for a connection
 * @param maxConnections the most connections open at once
 */
public record TransportOptions(Duration connectTimeout, int maxConnections) {
  public TransportOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, but was " + connectTimeout);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, but was " + maxConnections);
    }
  }

  /** 10 s to connect, 64 connections. */
  public static TransportOptions defaults() {
    return new TransportOptions(Duration.ofSeconds(10), 64);
  }
}
