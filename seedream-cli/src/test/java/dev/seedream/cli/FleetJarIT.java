package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seedream.ratelimit.redis.RedisServer;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four {@code seedream batch} processes on one key, ten runs each, against one fake that enforces
 * the documented limit (20 requests in any 10 s): through one Redis they get no 429 and use the
 * budget, even when Redis restarts in the middle; each on its own in-memory budget, they get 429s.
 * The numbers printed here are the ones in docs/performance.md.
 */
class FleetJarIT {
  static final int PROCESSES = 4;
  static final int RUNS_EACH = 10;
  static final Duration WINDOW = Duration.ofSeconds(10);

  @RegisterExtension static final RedisServer redis = new RedisServer();

  @TempDir Path dir;
  FakeRunbase fake;

  @BeforeEach
  void startFake() {
    fake = FakeRunbase.builder().progression(Progression.afterDuration(Duration.ofMillis(500))).start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void fourProcessesSharingOneRedisGetNo429AndFillTheBudgetThroughARedisRestart() throws Exception {
    long started = System.nanoTime();
    List<JarProcess> fleet = start("--redis", redis.uri());
    await().atMost(JarProcess.HUNG).pollInterval(Duration.ofMillis(50)).until(() -> fake.runs().size() >= 20);

    redis.stop();
    // fail closed: once the requests in flight are answered, nothing reaches the server
    AtomicInteger seen = new AtomicInteger(-1);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
        .until(() -> apiRequests().size() == seen.getAndSet(apiRequests().size()));
    redis.start();

    List<JarProcess.Output> outputs = finish(fleet);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> ids = new ArrayList<>();
    for (JarProcess.Output output : outputs) {
      assertThat(output.exitCode()).as(output.toString()).isZero();
      List<JsonObject> lines = output.out().lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
      assertThat(lines).hasSize(RUNS_EACH).allSatisfy(line -> assertThat(line.get("status").getAsString()).isEqualTo("succeeded"));
      lines.forEach(line -> ids.add(line.get("id").getAsString()));
    }
    assertThat(ids).as("no run lost or made twice").doesNotHaveDuplicates().hasSize(PROCESSES * RUNS_EACH);
    assertThat(fake.runs()).hasSize(PROCESSES * RUNS_EACH);
    int limited = fake.journal().answered(429).size();
    int busiest = busiestWindow(apiRequests());
    report("redis (restarted midway)", seconds, limited, busiest);
    assertThat(limited).as("answers of 429").isZero();
    assertThat(busiest).as("requests in the busiest 10 s").isBetween(18, 20);
  }

  @Test
  void fourProcessesOnInMemoryBudgetsGet429s() throws Exception {
    long started = System.nanoTime();
    List<JarProcess.Output> outputs = finish(start());
    double seconds = (System.nanoTime() - started) / 1e9;
    int limited = fake.journal().answered(429).size();
    report("in-memory", seconds, limited, busiestWindow(apiRequests()));
    System.out.printf("fleet: in-memory budgets: %d of %d processes ended with every run succeeded%n",
        outputs.stream().filter(output -> output.exitCode() == 0).count(), PROCESSES);
    assertThat(limited).as("answers of 429 (each process takes the whole limit)").isPositive();
    assertThat(outputs).hasSize(PROCESSES);
  }

  private List<JarProcess> start(String... more) throws Exception {
    Map<String, String> env = Map.of("RUNBASE_API_KEY", fake.apiKey(), "RUNBASE_BASE_URL", fake.baseUrl());
    List<JarProcess> fleet = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      Path home = Files.createDirectories(dir.resolve("process-" + p));
      int process = p;
      Files.write(home.resolve("prompts.txt"),
          IntStream.range(0, RUNS_EACH).mapToObj(i -> "a lamp, process " + process + ", run " + i).toList());
      List<String> args = new ArrayList<>(List.of("batch", "prompts.txt", "--concurrency", "10", "--out", "out", "--json"));
      args.addAll(List.of(more));
      fleet.add(JarProcess.start(home, env, args));
    }
    return fleet;
  }

  private static List<JarProcess.Output> finish(List<JarProcess> fleet) {
    return fleet.stream().map(JarProcess::finish).toList();
  }

  private List<RecordedRequest> apiRequests() {
    return fake.journal().all().stream().filter(request -> request.endpoint() != Endpoint.IMAGE).toList();
  }

  /** The most requests that arrived in any 10 s. */
  static int busiestWindow(List<RecordedRequest> requests) {
    List<Instant> arrivals = requests.stream().map(RecordedRequest::at).sorted().toList();
    int most = 0;
    int first = 0;
    for (int last = 0; last < arrivals.size(); last++) {
      while (!arrivals.get(first).plus(WINDOW).isAfter(arrivals.get(last))) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  private void report(String budgets, double seconds, int limited, int busiest) {
    System.out.printf("fleet: %d processes x %d runs, %s budgets: %d API requests, %d answers of 429,"
            + " busiest 10 s window %d requests, %.1f s%n",
        PROCESSES, RUNS_EACH, budgets, apiRequests().size(), limited, busiest, seconds);
  }
}
