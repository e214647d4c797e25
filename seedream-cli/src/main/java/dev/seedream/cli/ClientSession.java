package dev.seedream.cli;

import dev.seedream.ApiKey;
import dev.seedream.ClientBuilder;
import dev.seedream.ConfigurationException;
import dev.seedream.PollPolicy;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamListener;
import dev.seedream.ratelimit.redis.RedisRateBudget;
import dev.seedream.spi.TransportOptions;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client for one command, and what it needs: the transport, with {@code --redis} the shared
 * rate budget, and with {@code --fake} the fake server. Closing the session closes all of them, newest first.
 */
final class ClientSession implements AutoCloseable {
  /** How long a run of the in-process fake takes. */
  static final Duration FAKE_RUN_DURATION = Duration.ofSeconds(1);
  /** Against the fake, the first poll comes just after the run is done: two requests per run. */
  private static final PollPolicy FAKE_POLLING = PollPolicy.custom()
      .initialDelay(FAKE_RUN_DURATION.plusMillis(100))
      .interval(Duration.ofMillis(250))
      .maxInterval(Duration.ofMillis(500))
      .learning(false)
      .build();

  private final SeedreamClient client;
  private final Deque<AutoCloseable> resources;

  private ClientSession(SeedreamClient client, Deque<AutoCloseable> resources) {
    this.client = client;
    this.resources = resources;
  }

  /**
   * Opens a client as the options say.
   *
   * @throws ConfigurationException when there is no usable key and no {@code --fake}
   */
  static ClientSession open(ClientOptions options, CliContext context, SeedreamListener listener) {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      ClientBuilder<SeedreamClient> builder = SeedreamClient.builder().listener(listener);
      ApiKey key;
      if (options.fake) {
        if (options.baseUrl != null) {
          throw new InputException("--fake and --base-url exclude each other: the fake has its own URL");
        }
        // a new seed each time: new ids, so that a second run does not overwrite the first one's images
        FakeRunbase fake = FakeRunbase.builder()
            .seed(ThreadLocalRandom.current().nextLong())
            .progression(Progression.afterDuration(FAKE_RUN_DURATION))
            .start();
        resources.push(fake);
        key = ApiKey.of(fake.apiKey());
        builder.apiKey(key).baseUrl(fake.baseUrl()).pollPolicy(FAKE_POLLING);
      } else {
        key = key(context);
        builder.apiKey(key);
        String baseUrl = options.baseUrl != null ? options.baseUrl : context.env(ClientBuilder.BASE_URL_ENV_VAR);
        if (baseUrl != null && !baseUrl.isBlank()) {
          try {
            builder.baseUrl(baseUrl);
          } catch (IllegalArgumentException e) {
            throw new InputException((options.baseUrl != null ? "--base-url" : ClientBuilder.BASE_URL_ENV_VAR) + ": " + e.getMessage());
          }
        }
      }
      if (options.redis != null) {
        RedisRateBudget budget = RedisRateBudget.builder().redisUri(options.redis).apiKey(key).build();
        resources.push(budget);
        builder.rateBudget(budget);
      }
      resources.push(options.transport.install(builder, TransportOptions.defaults()));
      context.tuning().accept(builder);
      SeedreamClient client = builder.build();
      resources.push(client);
      return new ClientSession(client, resources);
    } catch (RuntimeException e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static ApiKey key(CliContext context) {
    String value = context.env(ApiKey.ENV_VAR);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          ApiKey.ENV_VAR + " is not set: export " + ApiKey.ENV_VAR + "=sk-... with your Runbase key,"
              + " or add --fake to try the command against a local fake server");
    }
    try {
      return ApiKey.of(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ApiKey.ENV_VAR + " is not a valid key: " + e.getMessage());
    }
  }

  SeedreamClient client() {
    return client;
  }

  @Override
  public void close() {
    closeAll(resources, null);
  }

  private static void closeAll(Deque<AutoCloseable> resources, Throwable primary) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        }
      }
    }
  }
}
