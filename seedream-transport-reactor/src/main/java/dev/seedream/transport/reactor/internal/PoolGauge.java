package dev.seedream.transport.reactor.internal;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Counts the connections of one {@link ConnectionProvider}, summed over its per-address pools, as
 * the pools themselves report them.
 *
 * <p>Registered with {@code ConnectionProvider.Builder.metrics(true, () -> gauge)}; needs no
 * metrics library.
 */
public final class PoolGauge implements ConnectionProvider.MeterRegistrar {
  private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

  @Override
  public void registerMetrics(String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
    pools.put(id, metrics);
  }

  @Override
  public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
    pools.remove(id);
  }

  /** Connections lent to an exchange now. */
  public int acquired() {
    return sum(ConnectionPoolMetrics::acquiredSize);
  }

  /** Connections open now, lent or idle. */
  public int allocated() {
    return sum(ConnectionPoolMetrics::allocatedSize);
  }

  private int sum(ToIntFunction<ConnectionPoolMetrics> size) {
    return pools.values().stream().mapToInt(size).sum();
  }
}
