package dev.seedream.codec.gson.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of UTC timestamps agrees with {@link Instant#parse}, and leaves every other form to it. */
class TimestampsTest {
  @Test
  void utcTimestampsReadAsInstantParseReadsThem() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong() % 200_000_000_000L, random.nextInt(1_000_000_000));
      String text = instant.toString();
      if (random.nextBoolean()) {
        text = Instant.ofEpochSecond(instant.getEpochSecond()).toString(); // no fraction
      }
      Instant expected = Instant.parse(text);
      Instant fast = Timestamps.parseUtc(text);
      if (fast != null) {
        assertThat(fast).as(text).isEqualTo(expected);
      } else {
        assertThat(text).as("only years of other than 4 digits are left to Instant.parse").doesNotMatch("\\d{4}-.*");
      }
      assertThat(Timestamps.parseIso(text)).as(text).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-01-01T00:00:12.5Z", "2024-02-29T23:59:59.123456789Z",
      "2026-01-01T00:00:00.000Z"})
  void theFormsRunbaseSendsAreReadFast(String text) {
    assertThat(Timestamps.parseUtc(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
      "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
      "2026-01-01T00:00:00+02:00", "2026-01-01 00:00:00Z", "2026-01-01T00:00:0xZ", "+12026-01-01T00:00:00Z",
      "2026-01-01T00:00:00z", "2026-01-01T00:00:00,5Z"})
  void anythingElseIsLeftToTheFormatter(String text) {
    assertThat(Timestamps.parseUtc(text)).isNull();
    Instant slow;
    try {
      slow = Instant.parse(text);
    } catch (DateTimeException e) {
      slow = null;
    }
    if (slow != null) {
      assertThat(Timestamps.parseIso(text)).isEqualTo(slow);
    }
  }
}
