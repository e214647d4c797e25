package dev.seedream.benchmarks.jmh;

import dev.seedream.Run;
import dev.seedream.codec.gson.GsonJsonCodec;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.RunBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's skimmer on a 13 MB answer: a succeeded run that echoes 14 reference images of 700 KB
 * as {@code data:} URIs, fed in chunks of 64 KiB as the transports feed it (heap chunks as Apache's,
 * direct chunks as Netty's), then read; and, to compare, the same answer read whole by {@code
 * readRun} (what the SDK did before it streamed answers). Scores are answers per second: multiply
 * by {@link #ANSWER_MEGABYTES} for megabytes per second.
 *
 * <pre>
 * java -jar seedream-benchmarks/target/seedream-benchmarks.jar SkimmerBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SkimmerBenchmark {
  /** The size of the answer, in megabytes (10^6 bytes), rounded. */
  public static final double ANSWER_MEGABYTES = 13.4;

  private static final int CHUNK = 64 * 1024;

  private final JsonCodec codec = new GsonJsonCodec();
  private byte[] answer;
  private ByteBuffer direct;

  @Setup
  public void makeAnswer() {
    Random random = new Random(14);
    StringBuilder json = new StringBuilder("{\"id\":\"run_0123456789abcdef0123\",\"model\":\"bytedance/seedream-4.5\","
        + "\"status\":\"succeeded\",\"input\":{\"prompt\":\"Compose these references into one scene\",\"image_urls\":[");
    for (int i = 0; i < 14; i++) {
      byte[] image = new byte[700 * 1024];
      random.nextBytes(image);
      json.append(i == 0 ? "\"" : ",\"").append("data:image/png;base64,").append(Base64.getEncoder().encodeToString(image)).append('"');
    }
    json.append("]},\"output\":{\"urls\":[\"https://cdn.runbase.net/images/run_0123456789abcdef0123/0.png\"]},"
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"completed_at\":\"2026-01-01T00:00:12Z\"}");
    answer = json.toString().getBytes(StandardCharsets.UTF_8);
    direct = ByteBuffer.allocateDirect(answer.length);
    direct.put(answer).flip();
  }

  /** The answer's size in bytes. */
  public int answerBytes() {
    return answer.length;
  }

  @Benchmark
  public Run skimHeapChunks() {
    RunBody body = codec.runBody(1024 * 1024);
    for (int at = 0; at < answer.length; at += CHUNK) {
      write(body, ByteBuffer.wrap(answer, at, Math.min(CHUNK, answer.length - at)));
    }
    return codec.readRun(body.kept());
  }

  @Benchmark
  public Run skimDirectChunks() {
    RunBody body = codec.runBody(1024 * 1024);
    for (int at = 0; at < answer.length; at += CHUNK) {
      write(body, direct.duplicate().position(at).limit(Math.min(at + CHUNK, answer.length)));
    }
    return codec.readRun(body.kept());
  }

  @Benchmark
  public Run readWhole() {
    return codec.readRun(answer);
  }

  private static void write(RunBody body, ByteBuffer chunk) {
    try {
      body.write(chunk);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
