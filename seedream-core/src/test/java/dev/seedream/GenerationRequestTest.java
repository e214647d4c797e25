package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {
  @Test
  void theRequestCopiesTheImageListAndCannotBeChanged() {
    List<String> urls = new ArrayList<>(List.of("https://img.example.com/a.png"));
    GenerationRequest.Builder builder = GenerationRequest.builder().prompt("a lamp").imageUrls(urls);
    GenerationRequest request = builder.build();

    urls.add("https://img.example.com/b.png");
    builder.addImageUrl("https://img.example.com/c.png").prompt("changed");

    assertThat(request.imageUrls()).containsExactly("https://img.example.com/a.png");
    assertThat(request.prompt()).isEqualTo("a lamp");
    assertThatThrownBy(() -> request.imageUrls().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toWireWritesTheFieldsInOrder() {
    GenerationRequest request = GenerationRequest.builder()
        .addImageUrl("https://img.example.com/a.png")
        .quality(Quality.HIGH)
        .aspectRatio(AspectRatio.RATIO_16_9)
        .prompt("a lamp")
        .build();
    Map<String, Object> wire = request.toWire();
    assertThat(wire).containsExactly(
        Map.entry("prompt", "a lamp"),
        Map.entry("aspect_ratio", "16:9"),
        Map.entry("quality", "high"),
        Map.entry("image_urls", List.of("https://img.example.com/a.png")));
  }

  @Test
  void toWireLeavesOutAbsentFields() {
    GenerationRequest request = GenerationRequest.builder().prompt("a lamp").build();
    assertThat(request.toWire()).containsExactly(Map.entry("prompt", "a lamp"));
    assertThat(request.aspectRatio()).isEmpty();
    assertThat(request.quality()).isEmpty();
    assertThat(request.imageUrls()).isEmpty();
    assertThat(GenerationRequest.builder().prompt("a").quality(Quality.BASIC).build().toWire().keySet())
        .containsExactly("prompt", "quality");
  }

  @Test
  void changingTheWireMapDoesNotChangeTheRequest() {
    GenerationRequest request = GenerationRequest.builder().prompt("a lamp").build();
    request.toWire().put("prompt", "other");
    assertThat(request.toWire()).containsEntry("prompt", "a lamp");
  }

  @Test
  void theRequestNamesItsModelAndDurationClass() {
    GenerationRequest request = GenerationRequest.builder().prompt("a").quality(Quality.HIGH).build();
    assertThat(request.model()).isEqualTo("bytedance/seedream-4.5");
    assertThat(request.durationClass()).isEqualTo("bytedance/seedream-4.5/high");
    assertThat(GenerationRequest.builder().prompt("a").build().durationClass())
        .isEqualTo("bytedance/seedream-4.5/default");
  }

  @Test
  void equalRequestsAreEqualAndToStringIsShort() {
    GenerationRequest a = GenerationRequest.builder().prompt("x".repeat(500)).aspectRatio(AspectRatio.RATIO_1_1).build();
    GenerationRequest b = GenerationRequest.builder().prompt("x".repeat(500)).aspectRatio(AspectRatio.RATIO_1_1).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
        .isNotEqualTo(b.toBuilder().aspectRatio(AspectRatio.RATIO_2_3).build());
    assertThat(a.toString()).hasSizeLessThan(150).contains("aspectRatio=1:1").contains("images=0");
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> GenerationRequest.builder().prompt(null)).hasMessage("prompt");
    assertThatThrownBy(() -> GenerationRequest.builder().addImageUrl(null)).hasMessage("imageUrl");
    assertThatThrownBy(() -> GenerationRequest.builder().imageUrls(null)).hasMessage("imageUrls");
  }
}
