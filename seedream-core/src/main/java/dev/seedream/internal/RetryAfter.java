package dev.seedream.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110). */
public final class RetryAfter {
  /** Waits longer than this are cut to it: a broken header must not stall a client for days. */
  static final Duration MAX = Duration.ofMinutes(10);

  private RetryAfter() {}

  /** The wait the header asks for, from {@code now}; empty when absent or unreadable. */
  public static Optional<Duration> parse(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.chars().allMatch(Character::isDigit)) {
      if (value.length() > 7) {
        return Optional.of(MAX);
      }
      return Optional.of(cap(Duration.ofSeconds(Long.parseLong(value))));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : cap(wait));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration cap(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
