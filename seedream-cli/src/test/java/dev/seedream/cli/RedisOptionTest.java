package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.ratelimit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --redis}: the key's rate budget through Redis, on generate and batch. */
class RedisOptionTest {
  @RegisterExtension static final RedisServer redis = new RedisServer();

  @TempDir Path dir;

  @Test
  void generateAndBatchTakeTheirPermitsFromRedis() {
    try (RedisClient client = RedisClient.create(redis.uri());
        StatefulRedisConnection<String, String> connection = client.connect()) {
      Cli.Result generate = Cli.in(dir).tuning(Cli.FAST).run("generate", "--fake", "a lamp", "-o", "out", "--redis", redis.uri());
      assertThat(generate.exitCode()).as(generate.toString()).isZero();
      assertThat(connection.sync().keys("seedream:rate-budget:*:held")).hasSize(1);
      long afterGenerate = connection.sync().zcard(connection.sync().keys("seedream:rate-budget:*:held").get(0));
      assertThat(afterGenerate).as("places of the create and its polls, held a window after their answers").isGreaterThanOrEqualTo(2);

      Cli.Result batch = Cli.in(dir).tuning(Cli.FAST).stdin("a chair\na vase\n").run("batch", "-", "--fake", "-o", "out2", "--redis", redis.uri());
      assertThat(batch.exitCode()).as(batch.toString()).isZero();
      assertThat(connection.sync().keys("seedream:rate-budget:*:held")).as("another fake, another key").hasSize(2);
    }
  }

  @Test
  void anUnreachableRedisIsAConfigurationErrorBeforeAnythingIsSent() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Cli.Result result = Cli.in(dir).env("RUNBASE_API_KEY", "sk-cli-redis-test-secret-0123").env("RUNBASE_BASE_URL", "http://127.0.0.1:9")
        .run("generate", "a lamp", "--redis", "redis://127.0.0.1:" + closed);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("Redis at 127.0.0.1:" + closed + " did not answer").doesNotContain("secret-0123");
  }
}
