package dev.seedream.examples;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import dev.seedream.ratelimit.redis.RedisRateBudget;

/** Several processes on one key: each takes its permits from one Redis, so together they keep the limit. */
public final class FleetExample {
  private FleetExample() {}

  /** Reads {@code RUNBASE_API_KEY} and {@code REDIS_URI} (such as {@code redis://127.0.0.1:6379}). */
  public static void main(String[] args) {
    // tag::redis-budget[]
    String key = System.getenv("RUNBASE_API_KEY");
    try (RedisRateBudget budget = RedisRateBudget.builder()
            .redisUri(System.getenv("REDIS_URI"))      // redis://HOST:PORT
            .apiKey(key)                               // only its SHA-256 goes to Redis
            .build();                                  // ConfigurationException if Redis does not answer
        SeedreamClient client = SeedreamClient.builder().apiKey(key).rateBudget(budget).build()) {
      Run run = client.generate(GenerationRequest.builder()
          .prompt("A cinematic product photo of a ceramic lamp")
          .aspectRatio(AspectRatio.RATIO_16_9)
          .build());
      System.out.println(run.id());
    }                                                  // the client closes first, then the budget
    // end::redis-budget[]
  }
}
