package dev.seedream.spring.boot;

import dev.seedream.ConfigurationException;

/**
 * Neither {@code seedream.api-key} nor {@code RUNBASE_API_KEY} is set: what {@link
 * MissingApiKeyFailureAnalyzer} turns into one line at startup.
 *
 * @since 0.1.0
 */
public final class MissingApiKeyException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  /** The one line of the failure. */
  static final String MESSAGE =
      "No Runbase API key: set the property seedream.api-key or the environment variable RUNBASE_API_KEY";

  MissingApiKeyException() {
    super(MESSAGE);
  }
}
