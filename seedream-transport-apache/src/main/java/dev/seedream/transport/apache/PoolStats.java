package dev.seedream.transport.apache;

/**
 * The state of a transport's connection pool at one moment, for tests, metrics and benchmarks.
 *
 * @param leased connections in use by an exchange now; zero when nothing is in flight
 * @param available open connections idle in the pool, ready for reuse
 * @param pending exchanges waiting for a connection
 * @param max the most connections the pool opens at once
 */
public record PoolStats(int leased, int available, int pending, int max) {}
