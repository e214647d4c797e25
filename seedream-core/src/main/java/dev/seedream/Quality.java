package dev.seedream;

import java.util.Objects;
import java.util.Optional;

/** Output quality of Seedream 4.5: {@link #BASIC} gives 2K images, {@link #HIGH} gives 4K. */
public enum Quality {
  /** 2K output; the wire value is {@code "basic"}. */
  BASIC("basic", "2K"),
  /** 4K output; the wire value is {@code "high"}. */
  HIGH("high", "4K");

  private final String wire;
  private final String resolution;

  Quality(String wire, String resolution) {
    this.wire = wire;
    this.resolution = resolution;
  }

  /** The value as Runbase writes it: {@code "basic"} or {@code "high"}. */
  public String wireValue() {
    return wire;
  }

  /** The output class: {@code "2K"} or {@code "4K"}. */
  public String resolution() {
    return resolution;
  }

  /** The quality for a wire string, or empty if it is neither {@code basic} nor {@code high}. */
  public static Optional<Quality> fromWire(String value) {
    Objects.requireNonNull(value, "value");
    for (Quality quality : values()) {
      if (quality.wire.equals(value)) {
        return Optional.of(quality);
      }
    }
    return Optional.empty();
  }

  /** The wire values, comma separated, for messages. */
  public static String allowedValues() {
    return BASIC.wire + ", " + HIGH.wire;
  }

  @Override
  public String toString() {
    return wire;
  }
}
