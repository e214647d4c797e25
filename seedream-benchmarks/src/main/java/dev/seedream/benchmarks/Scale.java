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
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import reactor.core.publisher.Flux;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale: many concurrent {@code generate} calls against the fake without rate limit (runs end after
 * one pending and one processing poll; polls 20 ms apart). Reports whether all completed, the threads
 * the client added (callers not counted) and the peak heap above the baseline.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Scale [smoke]
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
  public record Outcome(String client, int calls, int succeeded, int runsCreated, int clientThreads, String threadNames, long peakHeapBytes, double seconds) {}

  public static void main(String[] args) throws Exception {
    boolean smoke = args.length > 0 && args[0].equals("smoke");
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(blocking(smoke ? 50 : 1_000));
    outcomes.add(reactive(smoke ? 200 : 10_000));
    System.out.println(table(outcomes));
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("client", "concurrent generate calls", "succeeded", "runs created", "threads added by the client", "their names",
        "peak heap above baseline MB", "wall s");
    for (Outcome o : outcomes) {
      table.row(o.client(), o.calls(), o.succeeded(), o.runsCreated(), o.clientThreads(), o.threadNames(), HeapSampler.mb(o.peakHeapBytes()),
          Table.fmt(o.seconds(), 1));
    }
    return table;
  }

  /** {@code calls} platform threads, each calling the blocking {@code generate} once, all at once. */
  public static Outcome blocking(int calls) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().journalSize(10 * calls).start()) {
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
          added, threads.census(), peak, seconds);
    }
  }

  /**
   * {@code calls} subscriptions to the reactive client's {@code generate}, all at once, from one
   * thread; the client's transport is the one found on the classpath, with its defaults.
   */
  public static Outcome reactive(int calls) throws Exception {
    try (FakeRunbase fake = FakeRunbase.builder().noRateLimit().journalSize(10 * calls).start()) {
      ThreadSampler threads = ThreadSampler.start(ThreadSampler::clientSide);
      HeapSampler heap = HeapSampler.start();
      long start = System.nanoTime();
      int succeeded;
      try (ReactiveSeedreamClient client = ReactiveSeedreamClient.builder()
          .apiKey(fake.apiKey())
          .baseUrl(fake.baseUrl())
          .rateBudget(RateBudget.unlimited())
          .pollPolicy(FAST)
          .deadline(Duration.ofMinutes(5))
          .build()) {
        List<Run> runs = Flux.range(0, calls)
            .flatMap(i -> client.generate(GenerationRequest.builder().prompt("scale " + i).build()), calls)
            .collectList()
            .block(Duration.ofMinutes(10));
        succeeded = (int) runs.stream().filter(run -> run.status().equals(RunStatus.SUCCEEDED)).count();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = heap.stop();
      int added = threads.stop();
      return new Outcome("ReactiveSeedreamClient (Reactor Netty)", calls, succeeded, fake.runs().size(),
          added, threads.census(), peak, seconds);
    }
  }

  /** The client the caller threads use, set once before they are let go. */
  private static final class Holder {
    static volatile SeedreamClient client;
  }
}
