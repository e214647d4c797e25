package dev.seedream.ratelimit.redis;

import static dev.seedream.ratelimit.redis.Acquiring.acquire;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.ApiKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis lost, back, and restarted empty while budgets run: no permit that the rule does not allow. */
class RedisFaultsTest {
  @RegisterExtension static final RedisServer redis = new RedisServer();
  static final long MS = 1_000_000L;

  static String freshKey() {
    return "sk-redis-faults-test-" + System.nanoTime();
  }

  @Test
  void whenRedisIsLostRequestsWaitAndGoOnOnceItIsBack() throws Exception {
    try (RedisRateBudget budget =
        RedisRateBudget.builder().redisUri(redis.uri()).apiKey(freshKey()).limit(5, Duration.ofMillis(300)).build()) {
      budget.release(acquire(budget, Duration.ofSeconds(5)), System.nanoTime());

      redis.stop();
      assertThat(Acquiring.grantedWithin(budget, Duration.ofSeconds(1))).as("fails closed").isFalse();
      assertThat(budget.isRedisLost()).isTrue();

      redis.start();
      long back = System.nanoTime();
      long granted = acquire(budget, Duration.ofSeconds(10));
      assertThat(budget.isRedisLost()).isFalse();
      assertThat(granted - back).as("the restart lost the entries: one window of pause").isGreaterThanOrEqualTo(300 * MS);
    }
  }

  @Test
  void aRestartThatLostTheEntriesLetsNoBurstThrough() throws Exception {
    String key = freshKey();
    Duration window = Duration.ofMillis(1500);
    try (RedisRateBudget first = RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(3, window).build();
        RedisRateBudget second = RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(3, window).build()) {
      List<Long> granted = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        granted.add(acquire(first, Duration.ofSeconds(5)));
      }
      long answered = System.nanoTime();
      granted.forEach(at -> first.release(at, answered));

      redis.stop();
      redis.start();

      // the server still counts the three until a window after their answer: no process may send
      long next = acquire(second, Duration.ofSeconds(15));
      assertThat(next - answered).isGreaterThanOrEqualTo(window.toNanos());
      long other = acquire(first, Duration.ofSeconds(15));
      assertThat(other - answered).isGreaterThanOrEqualTo(window.toNanos());
    }
  }

  @Test
  void aProcessStartedRightAfterARestartWaitsTooThoughItSawNoEpoch() throws Exception {
    String key = freshKey();
    Duration window = Duration.ofMillis(1500);
    long answered;
    try (RedisRateBudget before = RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(3, window).build()) {
      List<Long> granted = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        granted.add(acquire(before, Duration.ofSeconds(5)));
      }
      answered = System.nanoTime();
      granted.forEach(at -> before.release(at, answered));
    }

    redis.stop();
    redis.start();

    // a new process, the first to ask the restarted Redis: the three still count at the server
    try (RedisRateBudget after = RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(3, window).build()) {
      long next = acquire(after, Duration.ofSeconds(15));
      assertThat(next - answered).isGreaterThanOrEqualTo(window.toNanos());
    }
  }

  @Test
  void theFallbackGivesItsShareWhileRedisIsLostAndRegistersItWhenRedisIsBack() throws Exception {
    String key = freshKey();
    try (RedisRateBudget budget =
            RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(10, Duration.ofSeconds(3)).fallbackPermits(2).build();
        RedisClient client = RedisClient.create(redis.uri())) {
      budget.release(acquire(budget, Duration.ofSeconds(5)), System.nanoTime());
      redis.stop();

      long first = acquire(budget, Duration.ofSeconds(5));
      long second = acquire(budget, Duration.ofSeconds(5));
      assertThat(budget.isRedisLost()).isTrue();
      assertThat(Acquiring.grantedWithin(budget, Duration.ofMillis(700))).as("no more than the share").isFalse();
      budget.release(first, System.nanoTime());

      redis.start();
      // the two places taken while Redis was lost (one answered, one in flight) are in Redis again
      String held = "seedream:rate-budget:{" + ApiKey.of(key).fingerprint() + "}:held";
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connection.sync().zcard(held) < 2 && System.nanoTime() - deadline < 0) {
          budget.tryAcquire(System.nanoTime()); // the engine asking: probes Redis
          java.util.concurrent.locks.LockSupport.parkNanos(20 * MS);
        }
        assertThat(connection.sync().zcard(held)).isEqualTo(2);
      }
      assertThat(budget.isRedisLost()).isFalse();
      budget.release(second, System.nanoTime());
    }
  }
}
