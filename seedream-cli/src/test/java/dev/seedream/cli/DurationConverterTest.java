package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @CsvSource({"90s, 90000", "5m, 300000", "500ms, 500", "1h, 3600000", "1.5s, 1500", "PT2M, 120000", "pt1s, 1000", " 10S , 10000"})
  void readsSimpleAndIsoDurations(String text, long millis) {
    assertThat(converter.convert(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "5", "-5s", "5d", "PTxS"})
  void refusesAnythingElseSayingWhatItExpects(String text) {
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("90s, 5m, 500ms, 1h or PT90S");
  }

  @Test
  void refusesZero() {
    assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("longer than zero");
  }
}
