package dev.seedream.benchmarks;

import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.AcceleratedTime;
import dev.seedream.benchmarks.support.FakeDurations;
import dev.seedream.benchmarks.support.Stats;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RequestJournal;
import dev.seedream.testkit.RunbaseError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The headline benchmark: many generations at a fixed concurrency through one client, against the
 * fake with Runbase's documented rate limit, on a time line accelerated for both the fake and the
 * client ({@link AcceleratedTime}). Compares seedream-java (all defaults) with {@link NaivePoller}.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Efficiency \
 *     [smoke|full|sdk [acceleration [seed [concurrency [runs]]]]]
 * </pre>
 *
 * <p>{@code sdk} measures seedream-java only; {@code runs} defaults to 10 per unit of concurrency.
 */
public final class Efficiency {
  static final Duration MEDIAN = Duration.ofSeconds(12);
  static final double SIGMA = 0.4;
  static final int LIMIT = 20;
  static final Duration WINDOW = Duration.ofSeconds(10);

  private Efficiency() {}

  /** What one benchmark run does. */
  public record Config(int runs, int concurrency, double acceleration, long seed) {
    public static Config full() {
      return new Config(100, 10, 20, 7);
    }

    public static Config smoke() {
      return new Config(10, 5, 25, 7);
    }
  }

  /** One generation as a client returned it; instants on the accelerated clock. */
  public record Returned(String runId, Instant createdAt, Instant completedAt, Instant returnedAt) {}

  /** A client under test; thread-safe. */
  interface Generator extends AutoCloseable {
    Returned generate(int index) throws Exception;

    @Override
    void close();
  }

  /** The figures of one client. */
  public record Outcome(
      String client,
      int runs,
      int runsCreated,
      double makespanSeconds,
      double lowerBoundSeconds,
      double requestBoundSeconds,
      double durationBoundSeconds,
      int rateLimited,
      double requestsPerRun,
      double delayP50Seconds,
      double delayP95Seconds,
      double minObservedMinusDrawnSeconds) {
    public double ratio() {
      return makespanSeconds / lowerBoundSeconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Config config = args.length > 0 && args[0].equals("smoke") ? Config.smoke() : Config.full();
    boolean sdkOnly = args.length > 0 && args[0].equals("sdk");
    double acceleration = args.length > 1 ? Double.parseDouble(args[1]) : config.acceleration();
    long seed = args.length > 2 ? Long.parseLong(args[2]) : config.seed();
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : config.concurrency();
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : args.length > 3 ? 10 * concurrency : config.runs();
    config = new Config(runs, concurrency, acceleration, seed);
    System.out.println("Efficiency: " + config + ", lognormal durations (median " + MEDIAN.toSeconds()
        + " s, sigma " + SIGMA + "), limit " + LIMIT + " per " + WINDOW.toSeconds() + " s; times in fake seconds");
    System.out.println(table(sdkOnly ? runSdk(config) : run(config)));
  }

  /** seedream-java alone. */
  public static List<Outcome> runSdk(Config config) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(measure("seedream-java", config, (fake, time) -> new SdkGenerator(fake, time)));
    return outcomes;
  }

  public static List<Outcome> run(Config config) throws Exception {
    List<Outcome> outcomes = runSdk(config);
    outcomes.add(measure("naive (1 s poll, 2^n s on 429)", config,
        (fake, time) -> new NaivePoller(fake.baseUrl(), fake.apiKey(), time)));
    return outcomes;
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("client", "makespan s", "lower bound s", "makespan / bound", "429s",
        "requests / run", "runs / s", "of budget at 2 req / run", "finish-to-return p50 s", "p95 s");
    for (Outcome o : outcomes) {
      double perSecond = o.runs() / o.makespanSeconds();
      table.row(o.client(), Table.fmt(o.makespanSeconds(), 1), Table.fmt(o.lowerBoundSeconds(), 1),
          Table.fmt(o.ratio(), 3), o.rateLimited(), Table.fmt(o.requestsPerRun(), 2), Table.fmt(perSecond, 3),
          Table.fmt(perSecond / budgetRunsPerSecond(), 3),
          Table.fmt(o.delayP50Seconds(), 2), Table.fmt(o.delayP95Seconds(), 2));
    }
    return table;
  }

  interface GeneratorFactory {
    Generator create(FakeRunbase fake, AcceleratedTime time);
  }

  static Outcome measure(String name, Config config, GeneratorFactory factory) throws Exception {
    Progression progression = Progression.lognormal(MEDIAN, SIGMA);
    try (AcceleratedTime time = new AcceleratedTime(config.acceleration());
         FakeRunbase fake = FakeRunbase.builder()
             .seed(config.seed())
             .clock(time.clock())
             .progression(progression)
             .rateLimit(LIMIT, WINDOW)
             .journalSize(200_000)
             .start();
         Generator generator = factory.create(fake, time)) {
      AtomicInteger next = new AtomicInteger();
      List<Returned> returned = Collections.synchronizedList(new ArrayList<>());
      ExecutorService workers = Executors.newFixedThreadPool(config.concurrency());
      Instant start = time.now();
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < config.concurrency(); w++) {
          futures.add(workers.submit(() -> {
            for (int i = next.getAndIncrement(); i < config.runs(); i = next.getAndIncrement()) {
              returned.add(generator.generate(i));
            }
            return null;
          }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        workers.shutdownNow();
      }
      Instant end = time.now();
      return outcome(name, config, fake, progression, returned, seconds(start, end));
    }
  }

  private static Outcome outcome(
      String name, Config config, FakeRunbase fake, Progression progression, List<Returned> returned, double makespan) {
    List<FakeRun> runs = fake.runs();
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int n = 0; n < runs.size(); n++) {
      index.put(runs.get(n).id(), n);
    }
    List<Double> drawn = new ArrayList<>();
    for (int n = 0; n < runs.size(); n++) {
      drawn.add(FakeDurations.of(config.seed(), n, progression).toNanos() / 1e9);
    }
    List<Double> delays = new ArrayList<>();
    double minObservedMinusDrawn = Double.MAX_VALUE;
    for (Returned r : returned) {
      double duration = drawn.get(index.get(r.runId()));
      Instant finished = r.createdAt().plusNanos((long) (duration * 1e9));
      delays.add(seconds(finished, r.returnedAt()));
      minObservedMinusDrawn = Math.min(minObservedMinusDrawn, seconds(r.createdAt(), r.completedAt()) - duration);
    }
    RequestJournal journal = fake.journal();
    int apiRequests = journal.to(Endpoint.CREATE).size() + journal.to(Endpoint.GET).size();
    double requestBound = requestBound(2 * config.runs());
    double durationBound = listSchedulingBound(drawn.subList(0, Math.min(drawn.size(), config.runs())), config.concurrency());
    return new Outcome(
        name,
        returned.size(),
        runs.size(),
        makespan,
        Math.max(requestBound, durationBound),
        requestBound,
        durationBound,
        journal.answered(RunbaseError.RATE_LIMITED).size(),
        apiRequests / (double) config.runs(),
        Stats.percentile(delays, 50),
        Stats.percentile(delays, 95),
        minObservedMinusDrawn);
  }

  /** The runs per second the documented limit allows at two requests (a create and a poll) per run. */
  static double budgetRunsPerSecond() {
    return LIMIT / (double) WINDOW.toSeconds() / 2;
  }

  /** The k-th request of a key can go no earlier than floor((k-1)/LIMIT) windows after the first. */
  static double requestBound(int requests) {
    return ((requests - 1) / LIMIT) * (double) WINDOW.toSeconds();
  }

  /**
   * The makespan if requests cost nothing: durations are bound to the order of creation (the fake
   * draws the n-th run's), and starting each run as soon as one of the slots is free is optimal.
   */
  static double listSchedulingBound(List<Double> durations, int slots) {
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (int i = 0; i < slots; i++) {
      free.add(0.0);
    }
    double makespan = 0;
    for (double d : durations) {
      double end = free.poll() + d;
      makespan = Math.max(makespan, end);
      free.add(end);
    }
    return makespan;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** seedream-java with all its defaults (budget, polls, retries), on the accelerated clock. */
  private static final class SdkGenerator implements Generator {
    private final SeedreamClient client;
    private final AcceleratedTime time;

    SdkGenerator(FakeRunbase fake, AcceleratedTime time) {
      this.time = time;
      this.client = SeedreamClient.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .scheduler(time.scheduler())
          .build();
    }

    @Override
    public Returned generate(int index) {
      Run run = client.generate(GenerationRequest.builder().prompt("benchmark run " + index).build());
      Instant returnedAt = time.now();
      return new Returned(run.id().value(), run.createdAt().orElseThrow(), run.completedAt().orElseThrow(), returnedAt);
    }

    @Override
    public void close() {
      client.close();
    }
  }

}
