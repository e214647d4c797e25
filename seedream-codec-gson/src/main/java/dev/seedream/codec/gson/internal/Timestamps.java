package dev.seedream.codec.gson.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads a timestamp leniently: an unreadable one is {@code null}, never an error. */
final class Timestamps {
  /** Epoch numbers at or above this are milliseconds (as seconds it would be the year 5138). */
  private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);

  /** The largest magnitude read: far beyond {@link Instant#MAX} in milliseconds. */
  private static final BigDecimal MAX_MAGNITUDE = BigDecimal.valueOf(Long.MAX_VALUE);

  private static final int MAX_SCALE = 30;

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private Timestamps() {}

  /** An ISO-8601 string or an epoch number (seconds or milliseconds); {@code null} otherwise. */
  static Instant read(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    if (token == JsonToken.STRING) {
      return parseIso(reader.nextString());
    }
    if (token == JsonToken.NUMBER) {
      return fromEpoch(reader.nextString());
    }
    reader.skipValue();
    return null;
  }

  static Instant parseIso(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      // not UTC with a Z: try an offset
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  static Instant fromEpoch(String number) {
    try {
      BigDecimal value = new BigDecimal(number);
      if (value.scale() > MAX_SCALE || value.scale() < -MAX_SCALE || value.abs().compareTo(MAX_MAGNITUDE) > 0) {
        return null; // no timestamp looks like this, and rescaling it could cost a lot
      }
      if (value.abs().compareTo(MILLIS_THRESHOLD) >= 0) {
        value = value.divide(THOUSAND);
      }
      BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
      long nanos = value.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValue();
      return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      return null;
    }
  }
}
