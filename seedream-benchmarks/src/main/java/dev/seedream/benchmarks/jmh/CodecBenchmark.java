package dev.seedream.benchmarks.jmh;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import dev.seedream.Run;
import dev.seedream.codec.gson.GsonJsonCodec;
import dev.seedream.spi.JsonCodec;
import dev.seedream.validation.RequestValidator;
import dev.seedream.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec and the validator on their own: encoding a create request, decoding a succeeded run,
 * validating a request with three reference images.
 *
 * <pre>
 * java -jar seedream-benchmarks/target/seedream-benchmarks.jar CodecBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  static final GenerationRequest REQUEST = GenerationRequest.builder()
      .prompt("A cinematic product photo of a ceramic lamp on a walnut desk, soft morning light, 85 mm lens")
      .aspectRatio(AspectRatio.RATIO_16_9)
      .quality(Quality.HIGH)
      .addImageUrl("https://example.com/reference/lamp-front.png")
      .addImageUrl("https://example.com/reference/lamp-side.png")
      .addImageUrl("https://example.com/reference/desk.jpg")
      .build();

  static final byte[] RUN = ("{\"id\":\"run_0123456789abcdef0123\",\"model\":\"bytedance/seedream-4.5\","
      + "\"status\":\"succeeded\",\"input\":{\"prompt\":\"A cinematic product photo of a ceramic lamp\","
      + "\"aspect_ratio\":\"16:9\",\"quality\":\"high\",\"image_urls\":[\"https://example.com/a.png\"]},"
      + "\"output\":{\"urls\":[\"https://cdn.runbase.net/images/run_0123456789abcdef0123/0.png\","
      + "\"https://cdn.runbase.net/images/run_0123456789abcdef0123/1.png\"]},"
      + "\"created_at\":\"2026-01-01T00:00:00Z\",\"started_at\":\"2026-01-01T00:00:01Z\","
      + "\"completed_at\":\"2026-01-01T00:00:12Z\"}").getBytes(StandardCharsets.UTF_8);

  private final JsonCodec codec = new GsonJsonCodec();

  @Benchmark
  public byte[] encodeRequest() {
    return codec.writeCreateRequest(REQUEST.model(), REQUEST.toWire());
  }

  @Benchmark
  public Run decodeRun() {
    return codec.readRun(RUN);
  }

  @Benchmark
  public ValidationResult validateRequest() {
    return RequestValidator.validate(REQUEST);
  }
}
