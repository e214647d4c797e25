package dev.seedream.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URLs that java.net.URI reads oddly but that are valid reference images. */
class UnusualUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {
    "https://my_bucket.storage.example/a.png",
    "https://bücher.example/a.png",
    "DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=",
    "Data:image/png;Base64,iVBORw0KGgo="
  })
  void areAccepted(String url) {
    ValidationResult result = RequestValidator.validateInput(Map.of("prompt", "x", "image_urls", List.of(url)));
    assertThat(result.violations()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://", "https://@/a.png", "https://:80/a.png", "http:/relative"})
  void withoutAHostAreRefused(String url) {
    ValidationResult result = RequestValidator.validateInput(Map.of("prompt", "x", "image_urls", List.of(url)));
    assertThat(result.violations()).extracting(Violation::code).containsExactly(ViolationCode.INVALID_URL);
  }
}
