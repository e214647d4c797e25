package dev.seedream.ratelimit.redis;

import static dev.seedream.ratelimit.redis.Acquiring.acquire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.ApiKey;
import dev.seedream.ConfigurationException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis budget on a real Redis, with several budgets standing for several processes. */
class RedisRateBudgetTest {
  @RegisterExtension static final RedisServer redis = new RedisServer();
  static final long MS = 1_000_000L;

  static String freshKey() {
    return "sk-redis-budget-test-" + System.nanoTime();
  }

  RedisRateBudget budget(String key, int permits, Duration window) {
    return RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(permits, window).build();
  }

  record Request(long granted, long answered) {}

  @Test
  void twoProcessesOnOneKeyNeverHoldMoreThanTheLimitUnderConcurrency() throws Exception {
    String key = freshKey();
    Duration window = Duration.ofMillis(400);
    try (RedisRateBudget first = budget(key, 4, window);
        RedisRateBudget second = budget(key, 4, window)) {
      ExecutorService threads = Executors.newFixedThreadPool(8);
      List<Future<List<Request>>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RedisRateBudget budget = t % 2 == 0 ? first : second;
        long seed = t;
        work.add(threads.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          List<Request> done = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            long granted = acquire(budget, Duration.ofSeconds(20));
            LockSupport.parkNanos(random.nextLong(1, 30) * MS); // the request on its way
            long answered = System.nanoTime();
            budget.release(granted, answered);
            done.add(new Request(granted, answered));
          }
          return done;
        }));
      }
      List<Request> all = new ArrayList<>();
      for (Future<List<Request>> future : work) {
        all.addAll(future.get(60, TimeUnit.SECONDS));
      }
      threads.shutdown();
      assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

      assertThat(all).hasSize(24);
      for (Request request : all) {
        long holding =
            all.stream()
                .filter(other -> other.granted() <= request.granted() && other.answered() + window.toNanos() > request.granted())
                .count();
        assertThat(holding).as("places held at a grant").isLessThanOrEqualTo(4);
      }
    }
  }

  @Test
  void aPlaceIsHeldWhileInFlightAndUntilAWindowAfterTheAnswer() {
    try (RedisRateBudget budget = budget(freshKey(), 1, Duration.ofMillis(500))) {
      long granted = acquire(budget, Duration.ofSeconds(5));
      assertThat(Acquiring.grantedWithin(budget, Duration.ofMillis(800))).as("while in flight").isFalse();

      long answered = System.nanoTime();
      budget.release(granted, answered);
      long next = acquire(budget, Duration.ofSeconds(5));
      assertThat(next - answered).isGreaterThanOrEqualTo(500 * MS).isLessThan(2_500 * MS);
    }
  }

  @Test
  void anyProcessPausesWhenTheServerAnswered429() {
    String key = freshKey();
    try (RedisRateBudget first = budget(key, 10, Duration.ofSeconds(1));
        RedisRateBudget second = budget(key, 10, Duration.ofSeconds(1))) {
      long paused = System.nanoTime();
      first.onRateLimited(Duration.ofMillis(800), paused);
      String epoch = "seedream:rate-budget:{" + ApiKey.of(key).fingerprint() + "}:epoch";
      try (RedisClient client = RedisClient.create(redis.uri());
          StatefulRedisConnection<String, String> connection = client.connect()) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (Long.parseLong(connection.sync().hget(epoch, "quarantine")) == 0 && System.nanoTime() - deadline < 0) {
          LockSupport.parkNanos(MS); // the pause is on its way to Redis
        }
      }
      long granted = acquire(second, Duration.ofSeconds(5));
      assertThat(granted - paused).isGreaterThanOrEqualTo(700 * MS);
    }
  }

  @Test
  void theRedisKeysHoldAHashOfTheKeyNeverTheKey() {
    String key = freshKey();
    try (RedisRateBudget budget = budget(key, 3, Duration.ofSeconds(1));
        RedisClient client = RedisClient.create(redis.uri());
        StatefulRedisConnection<String, String> connection = client.connect()) {
      long granted = acquire(budget, Duration.ofSeconds(5));
      budget.release(granted, System.nanoTime());
      String fingerprint = ApiKey.of(key).fingerprint();

      List<String> keys = connection.sync().keys("*" + fingerprint + "*");
      assertThat(keys).containsExactlyInAnyOrder(
          "seedream:rate-budget:{" + fingerprint + "}:held", "seedream:rate-budget:{" + fingerprint + "}:epoch");
      assertThat(connection.sync().keys("*")).noneMatch(name -> name.contains(key.substring(3)));
      assertThat(connection.sync().zrange(keys.stream().filter(k -> k.endsWith(":held")).findFirst().orElseThrow(), 0, -1))
          .hasSize(1)
          .noneMatch(member -> member.contains(key.substring(3)));
      assertThat(budget.toString()).doesNotContain(key.substring(3));
    }
  }

  @Test
  void aCrashedHolderFreesItsPlaceAfterTheLease() {
    String key = freshKey();
    RedisRateBudget crashed =
        RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(1, Duration.ofMillis(100)).lease(Duration.ofMillis(1500)).build();
    long granted = acquire(crashed, Duration.ofSeconds(5));
    crashed.close(); // dies without an answer
    try (RedisRateBudget survivor =
        RedisRateBudget.builder().redisUri(redis.uri()).apiKey(key).limit(1, Duration.ofMillis(100)).lease(Duration.ofMillis(1500)).build()) {
      long next = acquire(survivor, Duration.ofSeconds(10));
      assertThat(next - granted).isGreaterThanOrEqualTo(1_400 * MS).isLessThan(5_000 * MS);
    }
  }

  @Test
  void unreachableRedisAtBuildIsAConfigurationErrorThatShowsNoKeyOrPassword() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String key = freshKey();
    assertThatThrownBy(() ->
            RedisRateBudget.builder().redisUri("redis://:hunter2@127.0.0.1:" + closed).apiKey(key).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("127.0.0.1:" + closed)
        .hasMessageContaining("start it")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining(key.substring(3));
  }

  @Test
  void badSettingsAreRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> RedisRateBudget.builder().apiKey(freshKey()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("redisUri(..)");
    assertThatThrownBy(() -> RedisRateBudget.builder().redisUri(redis.uri()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("apiKey(..)");
    assertThatThrownBy(() -> RedisRateBudget.builder().redisUri("http://:hunter2@x").apiKey(freshKey()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("redis://HOST:PORT")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisRateBudget.builder().redisUri(redis.uri()).apiKey(freshKey()).fallbackPermits(21).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("fallbackPermits (21)");
    assertThatThrownBy(() -> RedisRateBudget.builder().fallbackPermits(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 0");
    assertThatThrownBy(() -> RedisRateBudget.builder().apiKey("not-a-key-CANARY"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("CANARY");
  }
}
