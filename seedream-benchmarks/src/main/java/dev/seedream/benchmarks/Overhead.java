package dev.seedream.benchmarks;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.LocalServer;
import dev.seedream.benchmarks.support.Stats;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.RateBudget;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * SDK overhead: runs read per second through {@code SeedreamClient.get} against the same GET done
 * with raw Apache HttpClient 5, and through {@code ReactiveSeedreamClient.get} against raw Reactor
 * Netty (callers block on each read on both sides), from the same local server answering a fixed run, rate budget off.
 * Rounds run raw and SDK back to back (which goes first alternates), so that drift of the machine hits
 * both alike; reported are the best round of each and the median of the rounds' ratios.
 *
 * <pre>
 * java -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Overhead [smoke]
 * </pre>
 */
public final class Overhead {
  static final String RUN_ID = "run_0123456789abcdef0123";
  static final byte[] RUN_JSON = ("{\"id\":\"" + RUN_ID + "\",\"model\":\"bytedance/seedream-4.5\",\"status\":\"succeeded\","
      + "\"input\":{\"prompt\":\"A cinematic product photo of a ceramic lamp\",\"aspect_ratio\":\"16:9\",\"quality\":\"high\"},"
      + "\"output\":{\"urls\":[\"https://cdn.runbase.net/images/" + RUN_ID + "/0.png\"]},"
      + "\"created_at\":\"2026-01-01T00:00:00Z\",\"completed_at\":\"2026-01-01T00:00:12Z\"}").getBytes(StandardCharsets.UTF_8);
  static final String KEY = "sk-bench-0000000000000000";

  private Overhead() {}

  /** Rounds, the length of one, and the callers in parallel. */
  public record Config(int rounds, long roundMillis, int callers) {
    public static Config full() {
      return new Config(9, 3000, 4);
    }

    public static Config smoke() {
      return new Config(1, 200, 2);
    }
  }

  /**
   * The best reads per second of each side, and the median over the rounds of each round's SDK / raw
   * ratio: the two halves of a round run back to back, so drift of the machine between rounds (other
   * processes, frequency, GC) moves both alike, where the best of each side may come from different moments.
   */
  public record Outcome(String sdk, double sdkPerSecond, String raw, double rawPerSecond, double medianRoundRatio) {
    public double ratio() {
      return sdkPerSecond / rawPerSecond;
    }
  }

  /** One read; returns the id read, so the work cannot be skipped. */
  @FunctionalInterface
  public interface Reader {
    String read() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Config config = args.length > 0 && args[0].equals("smoke") ? Config.smoke() : Config.full();
    System.out.println("Overhead: " + config + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
    System.out.println(table(List.of(blocking(config), reactive(config))));
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("client", "runs read / s", "raw", "raw runs read / s", "SDK / raw (best of each)",
        "SDK / raw (median of rounds)");
    for (Outcome o : outcomes) {
      table.row(o.sdk(), Table.fmt(o.sdkPerSecond(), 0), o.raw(), Table.fmt(o.rawPerSecond(), 0), Table.fmt(o.ratio(), 3),
          Table.fmt(o.medianRoundRatio(), 3));
    }
    return table;
  }

  /** {@code SeedreamClient.get} over ApacheHttpTransport against raw Apache HttpClient 5. */
  public static Outcome blocking(Config config) throws Exception {
    try (LocalServer server = LocalServer.start(4, LocalServer.fixed("application/json", RUN_JSON));
         CloseableHttpClient raw = HttpClients.custom()
             .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                 .setMaxConnTotal(64).setMaxConnPerRoute(64).build())
             .build();
         SeedreamClient client = SeedreamClient.builder()
             .apiKey(KEY)
             .baseUrl(server.baseUrl())
             .rateBudget(RateBudget.unlimited())
             .build()) {
      String url = server.baseUrl() + "/api/v1/runs/" + RUN_ID;
      RunId id = RunId.of(RUN_ID);
      Reader rawRead = () -> {
        HttpGet get = new HttpGet(url);
        get.setHeader("Authorization", "Bearer " + KEY);
        get.setHeader("Accept", "application/json");
        byte[] body = raw.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
        return body.length > 0 ? RUN_ID : "";
      };
      Reader sdkRead = () -> {
        Run run = client.get(id);
        return run.id().value();
      };
      return compare("SeedreamClient.get (Apache transport)", sdkRead, "Apache HttpClient 5 classic", rawRead, config);
    }
  }

  /** {@code ReactiveSeedreamClient.get} over ReactorNettyTransport against raw Reactor Netty. */
  public static Outcome reactive(Config config) throws Exception {
    try (LocalServer server = LocalServer.start(4, LocalServer.fixed("application/json", RUN_JSON));
         ReactorNettyTransport transport = ReactorNettyTransport.create();
         ReactiveSeedreamClient client = ReactiveSeedreamClient.builder()
             .apiKey(KEY)
             .baseUrl(server.baseUrl())
             .transport((AsyncHttpTransport) transport)
             .rateBudget(RateBudget.unlimited())
             .build()) {
      ConnectionProvider provider = ConnectionProvider.builder("raw").maxConnections(64).build();
      try {
        HttpClient raw = HttpClient.create(provider).protocol(HttpProtocol.HTTP11)
            .headers(h -> h.set("Authorization", "Bearer " + KEY).set("Accept", "application/json"));
        String url = server.baseUrl() + "/api/v1/runs/" + RUN_ID;
        RunId id = RunId.of(RUN_ID);
        Reader rawRead = () -> {
          byte[] body = raw.get().uri(url).responseSingle((response, content) -> content.asByteArray()).block();
          return body != null && body.length > 0 ? RUN_ID : "";
        };
        Reader sdkRead = () -> client.get(id).block().id().value();
        return compare("ReactiveSeedreamClient.get (Reactor Netty transport)", sdkRead, "Reactor Netty HttpClient", rawRead, config);
      } finally {
        provider.disposeLater().block();
      }
    }
  }

  /**
   * Rounds of both readers back to back, which goes first alternating from round to round; the best
   * round of each, and the median of the rounds' ratios.
   */
  public static Outcome compare(String sdkName, Reader sdk, String rawName, Reader raw, Config config) throws Exception {
    measure(raw, config.callers(), Math.min(1000, config.roundMillis()));
    measure(sdk, config.callers(), Math.min(1000, config.roundMillis()));
    double bestRaw = 0;
    double bestSdk = 0;
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < config.rounds(); round++) {
      double rawRate;
      double sdkRate;
      if (round % 2 == 0) {
        rawRate = measure(raw, config.callers(), config.roundMillis());
        sdkRate = measure(sdk, config.callers(), config.roundMillis());
      } else {
        sdkRate = measure(sdk, config.callers(), config.roundMillis());
        rawRate = measure(raw, config.callers(), config.roundMillis());
      }
      bestRaw = Math.max(bestRaw, rawRate);
      bestSdk = Math.max(bestSdk, sdkRate);
      ratios.add(sdkRate / rawRate);
    }
    return new Outcome(sdkName, bestSdk, rawName, bestRaw, Stats.percentile(ratios, 50));
  }

  /** Reads per second of {@code callers} threads reading in a loop for a while. */
  static double measure(Reader reader, int callers, long millis) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    AtomicLong reads = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(threads.submit(() -> {
          while (System.nanoTime() < end) {
            if (!RUN_ID.equals(reader.read())) {
              throw new IllegalStateException("read the wrong run");
            }
            reads.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return reads.get() / ((System.nanoTime() - start) / 1e9);
  }
}
