package dev.seedream;

import java.util.Objects;
import java.util.Optional;

/**
 * The eight aspect ratios that Seedream 4.5 accepts, each with its wire string ({@code "16:9"}).
 *
 * <p>This enum is the one place that lists them; validation, the codec, the CLI and the fake server
 * all read it from here.
 */
public enum AspectRatio {
  RATIO_1_1(1, 1),
  RATIO_2_3(2, 3),
  RATIO_3_2(3, 2),
  RATIO_3_4(3, 4),
  RATIO_4_3(4, 3),
  RATIO_9_16(9, 16),
  RATIO_16_9(16, 9),
  RATIO_21_9(21, 9);

  private final int width;
  private final int height;
  private final String wire;

  AspectRatio(int width, int height) {
    this.width = width;
    this.height = height;
    this.wire = width + ":" + height;
  }

  /** The width part of the ratio: 16 for {@code 16:9}. */
  public int width() {
    return width;
  }

  /** The height part of the ratio: 9 for {@code 16:9}. */
  public int height() {
    return height;
  }

  /** The value as Runbase writes it: {@code "16:9"}. */
  public String wireValue() {
    return wire;
  }

  /** The ratio for a wire string such as {@code "16:9"}, or empty if it is not one of the eight. */
  public static Optional<AspectRatio> fromWire(String value) {
    Objects.requireNonNull(value, "value");
    for (AspectRatio ratio : values()) {
      if (ratio.wire.equals(value)) {
        return Optional.of(ratio);
      }
    }
    return Optional.empty();
  }

  /** The eight wire values, comma separated, for messages: {@code "1:1, 2:3, ..."}. */
  public static String allowedValues() {
    StringBuilder out = new StringBuilder();
    for (AspectRatio ratio : values()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(ratio.wire);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return wire;
  }
}
