package dev.seedream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A real startup without a key: what the user reads is one line naming both ways to set it. */
@ExtendWith(OutputCaptureExtension.class)
class MissingApiKeyStartupTest {
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(SeedreamAutoConfiguration.class)
  static class App {}

  @Test
  void aStartupWithoutAKeyFailsWithOneLineThatNamesBothSettings(CapturedOutput output) {
    SpringApplication app = new SpringApplication(App.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(java.util.Map.of("RUNBASE_API_KEY", "", "seedream.api-key", ""));

    assertThatThrownBy(app::run).rootCause().isInstanceOf(MissingApiKeyException.class);

    assertThat(output.getAll()).contains(MissingApiKeyException.MESSAGE);
    assertThat(output.getAll()).doesNotContain("sk-");
  }

  @Test
  void theAnalysisIsOneLineAndSaysWhatToSet() {
    MissingApiKeyException cause = new MissingApiKeyException();
    FailureAnalysis analysis = new MissingApiKeyFailureAnalyzer().analyze(new RuntimeException("wrapped", cause));
    assertThat(analysis.getDescription()).doesNotContain("\n").contains("seedream.api-key", "RUNBASE_API_KEY");
    assertThat(analysis.getAction()).contains("seedream.api-key");
  }
}
