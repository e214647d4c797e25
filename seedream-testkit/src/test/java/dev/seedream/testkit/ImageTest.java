package dev.seedream.testkit;

import static dev.seedream.testkit.Http.create;
import static dev.seedream.testkit.Http.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The output images: real PNGs of the requested aspect ratio and quality. */
class ImageTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(0, 0)).imagesPerRun(2).start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static Stream<Arguments> sizes() {
    // the reference sizes (basic 2K / high 4K), divided by the default scale of 32
    return Stream.of(
        Arguments.of("1:1", "basic", 2048, 2048), Arguments.of("1:1", "high", 4096, 4096),
        Arguments.of("4:3", "basic", 2304, 1728), Arguments.of("3:4", "basic", 1728, 2304),
        Arguments.of("16:9", "basic", 2848, 1600), Arguments.of("16:9", "high", 5504, 3040),
        Arguments.of("9:16", "basic", 1600, 2848), Arguments.of("3:2", "basic", 2496, 1664),
        Arguments.of("2:3", "basic", 1664, 2496), Arguments.of("21:9", "basic", 3136, 1344),
        Arguments.of("21:9", "high", 6240, 2656));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("sizes")
  void eachAspectRatioGivesAPngOfItsSizeScaledDown(String ratio, String quality, int width, int height) {
    JsonArray urls = succeeded("{\"prompt\":\"A lamp\",\"aspect_ratio\":\"" + ratio + "\",\"quality\":\"" + quality + "\"}");

    assertThat(urls).hasSize(2);
    for (int i = 0; i < urls.size(); i++) {
      assertThat(Png.dimensions(Http.bytes(urls.get(i).getAsString()).body())).containsExactly(width / 32, height / 32);
    }
  }

  @Test
  void withoutARatioOrQualityTheImageIsSquare2k() {
    JsonArray urls = succeeded("{\"prompt\":\"A lamp\"}");

    assertThat(Png.dimensions(Http.bytes(urls.get(0).getAsString()).body())).containsExactly(64, 64);
  }

  @Test
  void fullSizeImagesHaveTheReferenceSize() {
    try (FakeRunbase full = FakeRunbase.builder().fullSizeImages().progression(Progression.afterPolls(0, 0)).start()) {
      String id = id(Http.create(full, "A lamp"));
      String url = Http.pollToEnd(full, id).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();

      assertThat(Png.dimensions(Http.bytes(url).body())).containsExactly(2048, 2048);
    }
  }

  @Test
  void theImagesOfOneRunDiffer() {
    JsonArray urls = succeeded("{\"prompt\":\"A lamp\"}");

    assertThat(Http.bytes(urls.get(0).getAsString()).body()).isNotEqualTo(Http.bytes(urls.get(1).getAsString()).body());
  }

  private static JsonArray succeeded(String input) {
    String id = id(create(fake.baseUrl(), fake.apiKey(), "{\"model\":\"bytedance/seedream-4.5\",\"input\":" + input + "}"));
    return Http.pollToEnd(fake, id).getAsJsonObject("output").getAsJsonArray("urls");
  }
}
