package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AspectRatioAndQualityTest {
  static Stream<Arguments> ratios() {
    return Stream.of(
        Arguments.of(AspectRatio.RATIO_1_1, "1:1", 1, 1),
        Arguments.of(AspectRatio.RATIO_2_3, "2:3", 2, 3),
        Arguments.of(AspectRatio.RATIO_3_2, "3:2", 3, 2),
        Arguments.of(AspectRatio.RATIO_3_4, "3:4", 3, 4),
        Arguments.of(AspectRatio.RATIO_4_3, "4:3", 4, 3),
        Arguments.of(AspectRatio.RATIO_9_16, "9:16", 9, 16),
        Arguments.of(AspectRatio.RATIO_16_9, "16:9", 16, 9),
        Arguments.of(AspectRatio.RATIO_21_9, "21:9", 21, 9));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("ratios")
  void eachRatioKnowsItsWireValueAndSides(AspectRatio ratio, String wire, int width, int height) {
    assertThat(ratio.wireValue()).isEqualTo(wire);
    assertThat(ratio.toString()).isEqualTo(wire);
    assertThat(ratio.width()).isEqualTo(width);
    assertThat(ratio.height()).isEqualTo(height);
    assertThat(AspectRatio.fromWire(wire)).contains(ratio);
  }

  @Test
  void thereAreExactlyTheEightDocumentedRatios() {
    assertThat(AspectRatio.values()).hasSize(8);
    assertThat(AspectRatio.allowedValues()).isEqualTo("1:1, 2:3, 3:2, 3:4, 4:3, 9:16, 16:9, 21:9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5:4", "16:10", "1:1 ", "", "RATIO_1_1", "2:1"})
  void otherRatiosAreNotFound(String wire) {
    assertThat(AspectRatio.fromWire(wire)).isEmpty();
  }

  @Test
  void qualityBasicIs2kAndHighIs4k() {
    assertThat(Quality.BASIC.wireValue()).isEqualTo("basic");
    assertThat(Quality.BASIC.resolution()).isEqualTo("2K");
    assertThat(Quality.HIGH.wireValue()).isEqualTo("high");
    assertThat(Quality.HIGH.resolution()).isEqualTo("4K");
    assertThat(Quality.values()).hasSize(2);
    assertThat(Quality.fromWire("basic")).contains(Quality.BASIC);
    assertThat(Quality.fromWire("high")).contains(Quality.HIGH);
    assertThat(Quality.allowedValues()).isEqualTo("basic, high");
    assertThat(Quality.HIGH.toString()).isEqualTo("high");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ultra", "BASIC", "High", "2K", "4K", ""})
  void otherQualitiesAreNotFound(String wire) {
    assertThat(Quality.fromWire(wire)).isEmpty();
  }
}
