package dev.seedream.examples.spring.mvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The servlet app without a key: Boot's report holds one line of description and says what to set. */
@ExtendWith(OutputCaptureExtension.class)
class MissingKeyTest {
  @Test
  void theReportIsOneLineAndNamesTheSettings(CapturedOutput output) {
    SpringApplicationBuilder app = new SpringApplicationBuilder(MvcImageApp.class)
        .properties("seedream.api-key=", "RUNBASE_API_KEY=", "server.port=0");
    assertThatThrownBy(app::run).isNotNull();

    String report = output.getAll();
    int description = report.indexOf("Description:");
    int action = report.indexOf("Action:", description);
    assertThat(description).as("Boot's failure report").isNotNegative();
    assertThat(report.substring(description + "Description:".length(), action).strip())
        .isEqualTo("No Runbase API key: set the property seedream.api-key or the environment variable RUNBASE_API_KEY");
    assertThat(report.substring(action)).contains("seedream.api-key", "seedream.enabled=false");
  }
}
