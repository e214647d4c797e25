package dev.seedream.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code apache} or {@code reactor}, in any case. */
final class TransportConverter implements ITypeConverter<TransportChoice> {
  @Override
  public TransportChoice convert(String value) {
    try {
      return TransportChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("must be apache or reactor, but was '" + value + "'");
    }
  }
}
