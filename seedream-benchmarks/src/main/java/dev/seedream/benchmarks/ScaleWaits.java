package dev.seedream.benchmarks;

import dev.seedream.CancelledException;
import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.RunId;
import dev.seedream.SeedreamAsyncClient;
import dev.seedream.benchmarks.support.ClassHistogram;
import dev.seedream.benchmarks.support.HeapSampler;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.benchmarks.support.ThreadSampler;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.transport.apache.ApacheHttpTransport;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Scale of waiting: what a client holds for each run it waits for. Runs are created on the fake
 * (which never ends them), then one client waits on every one of them at once, with the rate
 * budget off: first on half of them, then on the rest. Each time, once the fake has answered a poll
 * of every run waited on (the next poll of each is planned an hour out, so nothing is in flight and
 * each wait holds its planner state), the retained heap is measured after full collections stop
 * freeing more. Reported: the fake's own heap per run (the fake alone, holding the runs, before any
 * client); the client's idle heap (built, one run read); the client's heap per waiting run, from
 * what the second half added (the first half has grown the connection pools at both ends and the
 * client's threads, which are not per run); the heap above the idle client per run with every wait
 * on, that growth included; the threads the client added; the threads left once it is closed; and
 * the time until every run had been polled.
 *
 * <p>The runs are created by a separate client (Apache, rate budget off), closed before anything is
 * measured. The caller's {@code RunId}s are kept throughout and are not counted as the client's.
 * Only the heap is measured: Netty's direct buffers are not in it. With {@code
 * -Dbenchmarks.histograms=DIR}, the class histograms of live objects at the three points measured
 * (idle, half, all) are written there, to see what each figure is made of.
 *
 * <pre>
 * java -Xmx1g -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Scale waiting [smoke]
 * </pre>
 */
public final class ScaleWaits {
  /** First poll soon; the next one an hour later, so that nothing is in flight while measured. */
  static final PollPolicy ONE_POLL_AN_HOUR = PollPolicy.custom()
      .initialDelay(Duration.ofMillis(100))
      .interval(Duration.ofHours(1))
      .maxInterval(Duration.ofHours(1))
      .build();
  static final Duration DEADLINE = Duration.ofHours(2);
  static final Duration PATIENCE = Duration.ofMinutes(5);

  private ScaleWaits() {}

  /** The two clients measured. */
  public enum Client {
    APACHE("SeedreamAsyncClient (Apache HttpClient 5)"),
    REACTOR("ReactiveSeedreamClient (Reactor Netty)");

    private final String label;

    Client(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The figures of one client waiting on {@code runs} runs.
   *
   * @param pendingWhileMeasured waits not ended when the heap was measured (all of them, or the figure is void)
   * @param minPolls the fewest polls the fake had answered for one run when the heap was measured
   * @param cancelledOnClose waits that ended with {@link CancelledException} when the client closed
   * @param fakeBytesPerRun the fake's retained heap per run it holds, without a client
   * @param clientIdleBytes the client's retained heap once built and one run read, before any wait (the caller's ids not counted)
   * @param bytesPerWaitingRun the client's retained heap per waiting run: what the second half of the waits added,
   *     per run, once the first half had grown its pools and threads (the caller's callback of each wait included)
   * @param aboveIdleBytesPerRun the heap above the idle client with every wait on, per run: the above plus what
   *     the load grew once (connections at both ends, the fake's too, and the client's threads)
   * @param threadsAdded the most threads alive at once that the client added
   * @param threadNames their names, numbers stripped, and how many of each
   * @param threadsLeft the threads added since the client was built that are still alive once it is closed
   * @param leftNames their names
   * @param secondsToAllPolled from the first wait until the fake had answered a poll of every run (in two halves, the
   *     heap measured between them not counted)
   */
  public record Outcome(String client, int runs, int pendingWhileMeasured, int minPolls, int cancelledOnClose,
      double fakeBytesPerRun, long clientIdleBytes, double bytesPerWaitingRun, double aboveIdleBytesPerRun,
      int threadsAdded, SortedMap<String, Integer> threadNames, int threadsLeft, SortedMap<String, Integer> leftNames,
      double secondsToAllPolled) {}

  public static void main(String[] args) throws Exception {
    boolean smoke = args.length > 0 && args[0].equals("smoke");
    int runs = smoke ? 200 : 10_000;
    System.out.println("Scale of waiting: " + runs + " runs waited on at once, max heap "
        + HeapSampler.mb(Runtime.getRuntime().maxMemory()) + " MB, " + Runtime.getRuntime().availableProcessors() + " cores");
    List<Outcome> outcomes = new ArrayList<>();
    for (Client client : Client.values()) {
      outcomes.add(measure(client, runs));
    }
    System.out.println(table(outcomes));
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("client", "runs waited on", "pending while measured", "fake B / run", "client idle KB",
        "client B / waiting run", "above idle B / run", "threads added", "their names", "threads left after close", "wall s to all polled");
    for (Outcome o : outcomes) {
      table.row(o.client(), o.runs(), o.pendingWhileMeasured(), Table.fmt(o.fakeBytesPerRun(), 0),
          Table.fmt(o.clientIdleBytes() / 1024.0, 0), Table.fmt(o.bytesPerWaitingRun(), 0),
          Table.fmt(o.aboveIdleBytesPerRun(), 0), o.threadsAdded(),
          o.threadNames(), o.leftNames(), Table.fmt(o.secondsToAllPolled(), 1));
    }
    return table;
  }

  /** One client waiting on {@code runs} runs, on a fake of its own. */
  public static Outcome measure(Client kind, int runs) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder()
        .noRateLimit()
        .journalSize(16)
        .progression(Progression.afterDuration(Duration.ofDays(1)))
        .start()) {
      create(fake, 1); // what creating loads is on the heap before the fake's runs are counted
      long empty = HeapSampler.usedAfterGcSettled();
      create(fake, runs);
      long withRuns = HeapSampler.usedAfterGcSettled();
      // the caller's ids, as it would keep them: measured apart, counted neither as the fake's nor the client's
      List<RunId> ids = fake.runs().stream().skip(1).map(r -> RunId.of(r.id())).collect(Collectors.toCollection(ArrayList::new));
      long withIds = HeapSampler.usedAfterGcSettled();

      Set<Thread> before = ThreadSampler.alive();
      ThreadSampler threads = ThreadSampler.start(ThreadSampler::clientSide);
      Ends ends = new Ends(runs);
      int half = runs / 2;
      Waiter client = Waiter.open(kind, fake);
      try {
        client.read(ids.get(0));
        long idle = HeapSampler.usedAfterGcSettled();
        ClassHistogram.writeIfAsked(kind.name().toLowerCase(Locale.ROOT) + "-idle");
        long start = System.nanoTime();
        for (RunId id : ids.subList(0, half)) {
          client.await(id, ends);
        }
        awaitEveryRunPolled(fake, half);
        double seconds = (System.nanoTime() - start) / 1e9;
        long halfWaiting = HeapSampler.usedAfterGcSettled();
        ClassHistogram.writeIfAsked(kind.name().toLowerCase(Locale.ROOT) + "-half");
        start = System.nanoTime();
        for (RunId id : ids.subList(half, runs)) {
          client.await(id, ends);
        }
        int minPolls = awaitEveryRunPolled(fake, runs);
        seconds += (System.nanoTime() - start) / 1e9;
        long waiting = HeapSampler.usedAfterGcSettled();
        ClassHistogram.writeIfAsked(kind.name().toLowerCase(Locale.ROOT) + "-all");
        int pending = runs - ends.ended();
        int added = threads.stop();
        SortedMap<String, Integer> names = threads.peakNames();

        client.close();
        if (!ends.all.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException(ends.ended() + " of " + runs + " waits ended within " + PATIENCE + " of close");
        }
        List<Thread> left = leftAfterClose(before);
        return new Outcome(kind.label(), runs, pending, minPolls, ends.cancelled.get(),
            (withRuns - empty) / (double) runs, idle - withIds, (waiting - halfWaiting) / (double) (runs - half),
            (waiting - idle) / (double) runs,
            added, names, left.size(), ThreadSampler.namesOf(left), seconds);
      } finally {
        client.close();
        // the caller's ids stay reachable until here, so that they are in every heap figure alike
        ids.clear();
      }
    }
  }

  /** Creates runs through an Apache client with the budget off, closed (its threads ended) before this returns. */
  static void create(FakeRunbase fake, int runs) throws Exception {
    Set<Thread> before = ThreadSampler.alive();
    try (ApacheHttpTransport transport = ApacheHttpTransport.create();
         SeedreamAsyncClient creator = SeedreamAsyncClient.builder()
             .apiKey(fake.apiKey())
             .baseUrl(fake.baseUrl())
             .transport((HttpTransport) transport)
             .rateBudget(RateBudget.unlimited())
             .build()) {
      List<CompletableFuture<RunId>> created = new ArrayList<>(runs);
      for (int i = 0; i < runs; i++) {
        created.add(creator.submit(GenerationRequest.builder().prompt("waiting " + i).build()));
      }
      for (CompletableFuture<RunId> future : created) {
        future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    leftAfterClose(before);
  }

  /**
   * Waits until the fake has answered a poll of each of the first {@code runs} runs after the
   * warm-up's (the ones the caller's ids were read from, in order); the fewest polls of one.
   */
  static int awaitEveryRunPolled(FakeRunbase fake, int runs) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      List<FakeRun> all = fake.runs();
      if (all.size() < runs + 1) {
        throw new IllegalStateException("the fake holds " + all.size() + " runs, fewer than " + (runs + 1));
      }
      List<FakeRun> waited = all.subList(1, runs + 1);
      int fewest = waited.stream().mapToInt(FakeRun::polls).min().orElse(0);
      if (fewest > 0) {
        return fewest;
      }
      if (System.nanoTime() > end) {
        long unpolled = waited.stream().filter(r -> r.polls() == 0).count();
        throw new IllegalStateException(unpolled + " of " + runs + " runs not polled within " + PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  /**
   * The threads alive now that were not in {@code before} and are not the fake's, once the SDK's
   * own ({@code seedream-*}) have had time to end, and Netty's {@code globalEventExecutor} (which
   * ends itself a second after its last task) too. Reactor's global schedulers stay by design.
   */
  static List<Thread> leftAfterClose(Set<Thread> before) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    for (Thread thread : ThreadSampler.alive()) {
      String name = thread.getName();
      if (!before.contains(thread) && (name.startsWith("seedream-") || name.startsWith("globalEventExecutor"))) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    }
    Set<Thread> now = new HashSet<>(ThreadSampler.alive());
    now.removeAll(before);
    return now.stream().filter(Thread::isAlive).filter(ThreadSampler::clientSide)
        .filter(t -> !t.getName().startsWith("thread-sampler")).collect(Collectors.toList());
  }

  /** How the waits ended, counted without keeping anything per wait. */
  static final class Ends {
    final int runs;
    final CountDownLatch all;
    final AtomicInteger cancelled = new AtomicInteger();

    Ends(int runs) {
      this.runs = runs;
      all = new CountDownLatch(runs);
    }

    void ended(Throwable error) {
      if (error instanceof CancelledException) {
        cancelled.incrementAndGet();
      }
      all.countDown();
    }

    int ended() {
      return (int) (runs - all.getCount());
    }
  }

  /** One of the two clients, with what it needs closed after it. */
  private interface Waiter extends AutoCloseable {
    static Waiter open(Client kind, FakeRunbase fake) {
      return kind == Client.APACHE ? new ApacheWaiter(fake) : new ReactorWaiter(fake);
    }

    void read(RunId id) throws Exception;

    void await(RunId id, Ends ends);

    @Override
    void close();
  }

  private static final class ApacheWaiter implements Waiter {
    private final ApacheHttpTransport transport = ApacheHttpTransport.create();
    private final SeedreamAsyncClient client;

    ApacheWaiter(FakeRunbase fake) {
      client = SeedreamAsyncClient.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .transport((HttpTransport) transport)
          .rateBudget(RateBudget.unlimited())
          .pollPolicy(ONE_POLL_AN_HOUR)
          .build();
    }

    @Override
    public void read(RunId id) throws Exception {
      client.get(id).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void await(RunId id, Ends ends) {
      client.await(id, DEADLINE).whenComplete((run, error) -> ends.ended(unwrap(error)));
    }

    @Override
    public void close() {
      client.close();
      transport.close();
    }

    private static Throwable unwrap(Throwable error) {
      Throwable cause = error;
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return cause;
    }
  }

  private static final class ReactorWaiter implements Waiter {
    private final ReactiveSeedreamClient client;

    ReactorWaiter(FakeRunbase fake) {
      client = ReactiveSeedreamClient.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .rateBudget(RateBudget.unlimited())
          .pollPolicy(ONE_POLL_AN_HOUR)
          .build();
    }

    @Override
    public void read(RunId id) {
      client.get(id).block(PATIENCE);
    }

    @Override
    public void await(RunId id, Ends ends) {
      client.await(id, DEADLINE).subscribe(run -> ends.ended(null), ends::ended);
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
