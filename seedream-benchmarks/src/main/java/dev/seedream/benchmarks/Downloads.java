package dev.seedream.benchmarks;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.HeapSampler;
import dev.seedream.benchmarks.support.LocalServer;
import dev.seedream.benchmarks.support.Table;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.RateBudget;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

/**
 * Downloads: one large image through {@code client.download} against the same file streamed to disk
 * by raw Apache HttpClient 5, from the same local server. Reports throughput (best of the rounds),
 * the ratio to raw, and the peak heap above the baseline during the SDK's download.
 *
 * <pre>
 * java -Xmx64m -cp seedream-benchmarks/target/seedream-benchmarks.jar dev.seedream.benchmarks.Downloads [smoke]
 * </pre>
 */
public final class Downloads {
  private Downloads() {}

  /** Size of the image and rounds. */
  public record Config(int megabytes, int rounds) {
    public static Config full() {
      return new Config(25, 5);
    }

    public static Config smoke() {
      return new Config(4, 1);
    }
  }

  /** The figures of one transport. */
  public record Outcome(String client, double megabytesPerSecond, double rawMegabytesPerSecond, long sdkHeapGrowth,
      long rawHeapGrowth, long bytesWritten) {
    public double ratio() {
      return megabytesPerSecond / rawMegabytesPerSecond;
    }
  }

  /** Streams a body to a file, as the raw side does. */
  @FunctionalInterface
  public interface RawDownload {
    long download(String url, Path file) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Config config = args.length > 0 && args[0].equals("smoke") ? Config.smoke() : Config.full();
    System.out.println("Downloads: " + config + ", max heap " + HeapSampler.mb(Runtime.getRuntime().maxMemory()) + " MB");
    System.out.println(table(List.of(blocking(config), reactive(config))));
  }

  public static Table table(List<Outcome> outcomes) {
    Table table = new Table("transport", "SDK MB/s", "raw MB/s", "SDK / raw", "SDK heap growth MB", "raw heap growth MB");
    for (Outcome o : outcomes) {
      table.row(o.client(), Table.fmt(o.megabytesPerSecond(), 0), Table.fmt(o.rawMegabytesPerSecond(), 0),
          Table.fmt(o.ratio(), 3), HeapSampler.mb(o.sdkHeapGrowth()), HeapSampler.mb(o.rawHeapGrowth()));
    }
    return table;
  }

  /** The random bytes served as the image (a PNG signature first). */
  public static byte[] image(int megabytes) {
    byte[] bytes = new byte[megabytes * 1024 * 1024];
    new Random(1).nextBytes(bytes);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, bytes, 0, 8);
    return bytes;
  }

  public static Outcome blocking(Config config) throws Exception {
    try (CloseableHttpClient raw = HttpClients.createDefault()) {
      RawDownload rawDownload = (url, file) -> raw.execute(new HttpGet(url), response -> {
        try (InputStream in = response.getEntity().getContent(); OutputStream out = Files.newOutputStream(file)) {
          return in.transferTo(out);
        }
      });
      return compare("Apache (SeedreamClient.download)", SeedreamClient.builder(), rawDownload, config);
    }
  }

  public static Outcome reactive(Config config) throws Exception {
    ConnectionProvider provider = ConnectionProvider.builder("raw-download").maxConnections(4).build();
    try (ReactorNettyTransport transport = ReactorNettyTransport.create()) {
      HttpClient raw = HttpClient.create(provider).protocol(HttpProtocol.HTTP11);
      RawDownload rawDownload = (url, file) -> {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          return raw.get().uri(url).responseContent()
              .map(buffer -> {
                try {
                  long n = 0;
                  for (java.nio.ByteBuffer nio : buffer.nioBuffers()) {
                    while (nio.hasRemaining()) {
                      n += channel.write(nio);
                    }
                  }
                  return n;
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
              .reduce(0L, Long::sum)
              .block();
        }
      };
      return compare("Reactor Netty (SeedreamClient.download over ReactorNettyTransport)",
          SeedreamClient.builder().transport((AsyncHttpTransport) transport), rawDownload, config);
    } finally {
      provider.disposeLater().block();
    }
  }

  /** Downloads through a client made by the builder, and raw, alternating, from one local server. */
  public static Outcome compare(String name, dev.seedream.ClientBuilder<SeedreamClient> builder, RawDownload raw, Config config)
      throws Exception {
    byte[] image = image(config.megabytes());
    Path directory = Files.createTempDirectory("seedream-downloads");
    try (LocalServer server = LocalServer.start(2, LocalServer.fixed("image/png", image));
         SeedreamClient client = builder
             .apiKey("sk-bench-0000000000000000")
             .baseUrl("http://localhost:1")
             .rateBudget(RateBudget.unlimited())
             .build()) {
      String url = server.baseUrl() + "/images/run_bench/0.png";
      Run run = Run.builder(RunId.of("run_bench"), RunStatus.SUCCEEDED).outputUrls(List.of(URI.create(url))).build();
      double mb = image.length / (1024.0 * 1024.0);
      double bestSdk = 0;
      double bestRaw = 0;
      long sdkHeap = 0;
      long rawHeap = 0;
      long written = 0;
      for (int round = 0; round <= config.rounds(); round++) {
        Path rawFile = directory.resolve("raw-" + round + ".png");
        HeapSampler heap = HeapSampler.start();
        long start = System.nanoTime();
        raw.download(url, rawFile);
        double rawSeconds = (System.nanoTime() - start) / 1e9;
        long rawGrowth = heap.stop();
        Files.delete(rawFile);

        Path sdkDirectory = Files.createDirectory(directory.resolve("sdk-" + round));
        heap = HeapSampler.start();
        start = System.nanoTime();
        List<Path> files = client.download(run, sdkDirectory);
        double sdkSeconds = (System.nanoTime() - start) / 1e9;
        long sdkGrowth = heap.stop();
        written = Files.size(files.get(0));
        Files.delete(files.get(0));
        if (round > 0 || config.rounds() == 0) {
          bestRaw = Math.max(bestRaw, mb / rawSeconds);
          bestSdk = Math.max(bestSdk, mb / sdkSeconds);
          rawHeap = Math.max(rawHeap, rawGrowth);
          sdkHeap = Math.max(sdkHeap, sdkGrowth);
        }
      }
      return new Outcome(name, bestSdk, bestRaw, sdkHeap, rawHeap, written);
    } finally {
      try (Stream<Path> paths = Files.walk(directory)) {
        List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
        for (Path p : all) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
