package dev.seedream.codec.gson.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
    Instant utc = parseUtc(text);
    if (utc != null) {
      return utc;
    }
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

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the form Runbase sends, read without the cost of a
   * {@code DateTimeFormatter} (most of the time of reading a run); null for anything else, which
   * {@link Instant#parse} then reads as before.
   */
  static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      int fraction = length - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(text, 20, length - 1);
      if (nanos < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null; // a day the month does not have
    }
  }

  /** The number written in ASCII digits from {@code start} to {@code end}; -1 if any is not a digit. */
  private static int digits(String text, int start, int end) {
    int value = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
