package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteCreateRequestTest {
  private final GsonJsonCodec codec = new GsonJsonCodec();

  private String write(Map<String, ?> input) {
    return new String(codec.writeCreateRequest("bytedance/seedream-4.5", input), StandardCharsets.UTF_8);
  }

  @Test
  void writesTheDocumentedBodyInTheMapsOrder() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", "a lamp");
    input.put("aspect_ratio", "16:9");
    input.put("quality", "high");
    input.put("image_urls", List.of("https://a.example/1.png", "https://b.example/2.png"));

    assertThat(write(input))
        .isEqualTo(
            "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"a lamp\",\"aspect_ratio\":\"16:9\","
                + "\"quality\":\"high\",\"image_urls\":[\"https://a.example/1.png\",\"https://b.example/2.png\"]}}");
  }

  @Test
  void writesAGenerationRequestExactlyAsDocumented() {
    GenerationRequest request =
        GenerationRequest.builder().prompt("p").aspectRatio(AspectRatio.RATIO_1_1).quality(Quality.BASIC).build();

    byte[] body = codec.writeCreateRequest(request.model(), request.toWire());

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"p\",\"aspect_ratio\":\"1:1\",\"quality\":\"basic\"}}");
  }

  @Test
  void leavesOutNullValues() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("prompt", "p");
    input.put("quality", null);

    assertThat(write(input)).isEqualTo("{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"p\"}}");
  }

  @Test
  void writesUtf8WithoutHtmlEscaping() {
    byte[] body = codec.writeCreateRequest("m", Map.of("prompt", "<b>café & \"ü\"</b> 🌅"));

    assertThat(body)
        .isEqualTo(
            "{\"model\":\"m\",\"input\":{\"prompt\":\"<b>café & \\\"ü\\\"</b> 🌅\"}}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesNumbersAndBooleans() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("n", 3);
    input.put("d", new BigDecimal("1.50"));
    input.put("b", true);
    input.put("l", List.of(1, false, "x"));

    assertThat(write(input))
        .isEqualTo("{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"n\":3,\"d\":1.50,\"b\":true,\"l\":[1,false,\"x\"]}}");
  }

  @Test
  void rejectsAnUnsupportedValueNamingItsKey() {
    assertThatThrownBy(() -> write(Map.of("size", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input.size")
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void rejectsANestedListNamingItsIndex() {
    assertThatThrownBy(() -> write(Map.of("image_urls", List.of("a", List.of("b")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input.image_urls[1]");
  }

  @Test
  void rejectsAMapValue() {
    assertThatThrownBy(() -> write(Map.of("extra", Map.of("a", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input.extra");
  }

  @Test
  void rejectsANumberJsonCannotHold() {
    assertThatThrownBy(() -> write(Map.of("n", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input.n")
        .hasMessageContaining("NaN");
  }
}
