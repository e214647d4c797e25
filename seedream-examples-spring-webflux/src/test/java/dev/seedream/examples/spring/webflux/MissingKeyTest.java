package dev.seedream.examples.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The app started as users start it, without a key: the failure analysis is one line naming both settings. */
@ExtendWith(OutputCaptureExtension.class)
class MissingKeyTest {
  static final String LINE =
      "No Runbase API key: set the property seedream.api-key or the environment variable RUNBASE_API_KEY";

  @Test
  void withoutAKeyTheAppStopsWithOneLine(CapturedOutput output) {
    SpringApplication app = new SpringApplication(WebFluxImageApp.class);
    app.setDefaultProperties(Map.of("RUNBASE_API_KEY", "", "seedream.api-key", "", "server.port", "0"));
    assertThatThrownBy(app::run).isNotNull();
    String description = output.getAll().lines()
        .dropWhile(line -> !line.equals("Description:")).skip(2).findFirst().orElse("");
    assertThat(description).isEqualTo(LINE);
  }
}
