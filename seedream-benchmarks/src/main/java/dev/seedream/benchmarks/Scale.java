package dev.seedream.benchmarks;

import dev.seedream.GenerationRequest;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.HeapSampler;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.benchmarks.support.ThreadSampler;
import dev.seedream.spi.RateBudget;
import dev.seedream.TransportException;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import dev.seedream.ClientBuilder;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale: many concurrent {@code generate} calls against the fake without rate limit (each run has
 * ended by its first poll, 20 ms after the create: two requests per run). Reports whether all completed, the threads
 * the client added (callers not counted) and the peak heap above the baseline.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Scale [smoke]
 * </pre>
 *
 * <p>With {@code waiting} first, it measures what a client holds per run it waits for instead: see
 * {@link ScaleWaits}.
 *
 * <pre>
 * java -Xmx1g -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Scale waiting [smoke]
 * </pre>
 */
public final class Scale {
  static final PollPolicy FAST = PollPolicy.custom()
      .initialDelay(Duration.ofMillis(20))
      .interval(Duration.ofMillis(20))
      .maxInterval(Duration.ofMillis(20))
      .learning(false)
      .build();

  private Scale() {}

  /** The figures of one client. */
  public record Outcome(String client, int calls, int succeeded, int runsCreated, String failures, int clientThreads, String threadNames, long peakHeapBytes, double seconds) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("waiting")) {
      ScaleWaits.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    boolean smoke = args.length > 0 && args[0].equals("smoke");
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(blocking(smoke ? 50 : 1_000));
    outcomes.add(reactive(smoke ? 200 : 10_000, 0));
    outcomes.add(reactive(smoke ? 200 : 10_000, 20_000));
    System.out.println(table(outcomes));
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("client", "concurrent generate calls", "succeeded", "runs created", "failed (by exception)", "threads added by the client", "their names",
        "peak heap above baseline MB", "wall s");
    for (Outcome o : outcomes) {
      table.row(o.client(), o.calls(), o.succeeded(), o.runsCreated(), o.failures(), o.clientThreads(), o.threadNames(), HeapSampler.mb(o.peakHeapBytes()),
          Table.fmt(o.seconds(), 1));
    }
    return table;
  }

  /** {@code calls} platform threads, each calling the blocking {@code generate} once, all at once. */
  public static Outcome blocking(int calls) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().journalSize(1_000).progression(Progression.afterPolls(0, 0)).start()) {
      CountDownLatch ready = new CountDownLatch(calls);
      CountDownLatch go = new CountDownLatch(1);
      AtomicInteger succeeded = new AtomicInteger();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        int index = i;
        callers.add(new Thread(() -> {
          ready.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          Run run = Holder.client.generate(GenerationRequest.builder().prompt("scale " + index).build());
          if (run.status().equals(RunStatus.SUCCEEDED)) {
            succeeded.incrementAndGet();
          }
        }, "caller-" + i));
      }
      callers.forEach(Thread::start);
      ready.await();
      ThreadSampler threads = ThreadSampler.start(ThreadSampler::clientSide);
      HeapSampler heap = HeapSampler.start();
      long start = System.nanoTime();
      try (SeedreamClient client = SeedreamClient.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .rateBudget(RateBudget.unlimited())
          .pollPolicy(FAST)
          .maxConnections(64)
          .build()) {
        Holder.client = client;
        go.countDown();
        for (Thread caller : callers) {
          caller.join();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = heap.stop();
      int added = threads.stop();
      return new Outcome("SeedreamClient (blocking, Apache)", calls, succeeded.get(), fake.runs().size(),
          Integer.toString(calls - succeeded.get()), added, threads.census(), peak, seconds);
    }
  }

  /**
   * {@code calls} subscriptions to the reactive client's {@code generate}, all at once, from one
   * thread. With {@code pendingAcquires} 0 the client's transport is the one found on the classpath
   * with its defaults; otherwise a ReactorNettyTransport whose pool queues that many acquires.
   */
  public static Outcome reactive(int calls, int pendingAcquires) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().journalSize(1_000).progression(Progression.afterPolls(0, 0)).start()) {
      ThreadSampler threads = ThreadSampler.start(ThreadSampler::clientSide);
      HeapSampler heap = HeapSampler.start();
      long start = System.nanoTime();
      Map<String, Integer> failures = new ConcurrentSkipListMap<>();
      AtomicInteger succeeded = new AtomicInteger();
      ReactorNettyTransport transport = pendingAcquires == 0 ? null
          : ReactorNettyTransport.builder().pendingAcquireMaxCount(pendingAcquires).build();
      ClientBuilder<ReactiveSeedreamClient> builder = ReactiveSeedreamClient.builder();
      if (transport != null) {
        builder.transport((AsyncHttpTransport) transport);
      }
      try (ReactiveSeedreamClient client = builder
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .rateBudget(RateBudget.unlimited())
          .pollPolicy(FAST)
          .deadline(Duration.ofMinutes(5))
          .build()) {
        Flux.range(0, calls)
            .flatMap(i -> client.generate(GenerationRequest.builder().prompt("scale " + i).build())
                .doOnNext(run -> {
                  if (run.status().equals(RunStatus.SUCCEEDED)) {
                    succeeded.incrementAndGet();
                  }
                })
                .onErrorResume(error -> {
                  String kind = error.getClass().getSimpleName()
                      + (error instanceof TransportException ? " " + ((TransportException) error).reason() : "");
                  failures.merge(kind, 1, Integer::sum);
                  return Mono.empty();
                }), calls)
            .blockLast(Duration.ofMinutes(10));
      } finally {
        if (transport != null) {
          transport.close();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = heap.stop();
      int added = threads.stop();
      String name = "ReactiveSeedreamClient (Reactor Netty, " + (transport == null
          ? "defaults: pending acquires 1024)" : "pending acquires " + pendingAcquires + ")");
      return new Outcome(name, calls, succeeded.get(), fake.runs().size(), failures.toString(),
          added, threads.census(), peak, seconds);
    }
  }

  /** The client the caller threads use, set once before they are let go. */
  private static final class Holder {
    static volatile SeedreamClient client;
  }
}
