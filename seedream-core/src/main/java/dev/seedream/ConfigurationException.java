package dev.seedream;

/** A client cannot be built as configured: a key, transport or codec is missing or ambiguous. */
public class ConfigurationException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
