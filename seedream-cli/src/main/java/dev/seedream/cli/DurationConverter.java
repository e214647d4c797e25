package dev.seedream.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration such as {@code 90s}, {@code 5m}, {@code 500ms}, {@code 1h} or ISO-8601 {@code PT90S}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value.trim().toLowerCase(Locale.ROOT));
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("must be longer than zero, but was '" + value + "'");
    }
    return duration;
  }

  private static Duration parse(String value) {
    if (value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher matcher = SIMPLE.matcher(value);
    if (!matcher.matches()) {
      throw invalid(value);
    }
    double amount = Double.parseDouble(matcher.group(1));
    long unitMillis;
    switch (matcher.group(2)) {
      case "ms":
        unitMillis = 1;
        break;
      case "s":
        unitMillis = 1_000;
        break;
      case "m":
        unitMillis = 60_000;
        break;
      default:
        unitMillis = 3_600_000;
    }
    return Duration.ofMillis(Math.round(amount * unitMillis));
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException("must look like 90s, 5m, 500ms, 1h or PT90S, but was '" + value + "'");
  }
}
