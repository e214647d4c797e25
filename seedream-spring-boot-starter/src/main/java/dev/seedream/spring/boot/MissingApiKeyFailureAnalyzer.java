package dev.seedream.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing key, as one line instead of a bean trace. The key is never in it (there is none). */
final class MissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeyException cause) {
    return new FailureAnalysis(MissingApiKeyException.MESSAGE,
        "Set seedream.api-key (in application.properties, or SEEDREAM_API_KEY) or RUNBASE_API_KEY, "
            + "or seedream.enabled=false to configure no Seedream client.",
        cause);
  }
}
