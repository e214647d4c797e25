/**
 * A {@link dev.seedream.spi.RateBudget} shared through Redis by every process that uses one Runbase
 * key: {@link dev.seedream.ratelimit.redis.RedisRateBudget}. Nothing here is null unless marked.
 *
 * <p>Why not a rate-limiting library: Bucket4j (its Lettuce integration) and Redisson's {@code
 * RRateLimiter} count a permit when it is taken and refill on time alone; neither keeps a permit's
 * place until a window after the request was answered, which is how Runbase counts (by arrival, and
 * a request may arrive at any moment before its answer). Holding that rule needs a release with the
 * answer's time, so the budget is one small atomic Lua script over a sorted set instead.
 */
package dev.seedream.ratelimit.redis;
