package dev.seedream.testkit;

import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each run's state machine: by polls, by time, under concurrent polling, and from the seed. */
class StateMachineTest {

  @Test
  void concurrentPollsOfOneRunSeeEachStateExactlyAsOftenAsConfigured() throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 2)).start()) {
      String id = id(Http.create(fake, "A lamp"));
      int polls = 24;
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<CompletableFuture<String>> statuses = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
          statuses.add(CompletableFuture.supplyAsync(() -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            return json(Http.read(fake, id)).get("status").getAsString();
          }, pool));
        }
        go.countDown();
        Map<String, Long> counts = statuses.stream().map(CompletableFuture::join)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("pending", 1L, "processing", 2L, "succeeded", (long) polls - 3));
        assertThat(fake.run(id).orElseThrow().polls()).isEqualTo(polls);
        assertThat(fake.journal().pollsOf(id)).isEqualTo(polls);
      } finally {
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Test
  void aTimedRunIsPendingForAQuarterOfItsDurationThenProcessingThenSucceeded() {
    MutableClock clock = new MutableClock();
    try (FakeRunbase fake = FakeRunbase.builder().clock(clock).progression(Progression.afterDuration(Duration.ofSeconds(8))).start()) {
      String id = id(Http.create(fake, "A lamp"));

      assertThat(status(fake, id)).isEqualTo("pending");
      clock.advance(Duration.ofSeconds(2));
      assertThat(status(fake, id)).isEqualTo("processing");
      clock.advance(Duration.ofMillis(5_999));
      assertThat(status(fake, id)).isEqualTo("processing");
      clock.advance(Duration.ofMillis(1));
      assertThat(status(fake, id)).isEqualTo("succeeded");
    }
  }

  @Test
  void aTimedRunSeenLateReportsItsOwnEndAsCompletedAt() {
    MutableClock clock = new MutableClock();
    Progression fast = Progression.afterDuration(Duration.ofSeconds(8)).accelerated(4);
    try (FakeRunbase fake = FakeRunbase.builder().clock(clock).progression(fast).start()) {
      String id = id(Http.create(fake, "A lamp"));
      java.time.Instant created = Instant.parse(json(Http.read(fake, id)).get("created_at").getAsString());
      clock.advance(Duration.ofSeconds(7));

      JsonObject done = json(Http.read(fake, id));
      assertThat(done.get("status").getAsString()).isEqualTo("succeeded");
      // 8 s at 4x is 2 s after creation, not the 7 s at which this poll saw it
      assertThat(Instant.parse(done.get("completed_at").getAsString())).isEqualTo(created.plusSeconds(2));
    }
  }

  @Test
  void accelerationMakesTimePassFaster() {
    MutableClock clock = new MutableClock();
    Progression fast = Progression.afterDuration(Duration.ofSeconds(10)).accelerated(10);
    try (FakeRunbase fake = FakeRunbase.builder().clock(clock).progression(fast).start()) {
      String id = id(Http.create(fake, "A lamp"));
      clock.advance(Duration.ofSeconds(1));

      assertThat(status(fake, id)).isEqualTo("succeeded");
    }
  }

  @Test
  void lognormalDurationsSpreadAroundTheMedianAndFollowTheSeed() {
    MutableClock clock = new MutableClock();
    Progression spread = Progression.lognormal(Duration.ofSeconds(10), 0.5);
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().clock(clock).progression(spread).start()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ids.add(id(Http.create(fake, "A lamp")));
      }
      assertThat(fake.runs()).extracting(FakeRun::id).as("in the order they were created").containsExactlyElementsOf(ids);
      clock.advance(Duration.ofSeconds(10));

      long done = ids.stream().filter(id -> fake.run(id).orElseThrow().status().equals("succeeded")).count();

      assertThat(done).as("some runs are faster than the median, some slower").isBetween(1L, 11L);
    }
  }

  @Test
  void aFailureProbabilityOfOneFailsEveryRun() {
    try (FakeRunbase fake = FakeRunbase.builder().failureProbability(1).start()) {
      String id = id(Http.create(fake, "A lamp"));

      assertThat(Http.pollToEnd(fake, id).get("status").getAsString()).isEqualTo("failed");
      assertThat(fake.run(id).orElseThrow().errorCode()).isPresent();
    }
  }

  @Test
  void theSameSeedGivesTheSameIdsKeysAndImages() {
    List<String> first = idsAndImage(7);
    List<String> again = idsAndImage(7);
    List<String> other = idsAndImage(8);

    assertThat(again).isEqualTo(first);
    assertThat(other.get(0)).isNotEqualTo(first.get(0));
    assertThat(other.get(2)).isNotEqualTo(first.get(2));
  }

  private static List<String> idsAndImage(long seed) {
    try (FakeRunbase fake = FakeRunbase.builder().seed(seed).progression(Progression.afterPolls(0, 0)).start()) {
      String id = id(Http.create(fake, "A lamp"));
      String url = json(Http.read(fake, id)).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
      byte[] png = Http.bytes(url).body();
      return List.of(id, fake.apiKey(), java.util.Base64.getEncoder().encodeToString(png));
    }
  }

  private static String status(FakeRunbase fake, String id) {
    return json(Http.read(fake, id)).get("status").getAsString();
  }
}
