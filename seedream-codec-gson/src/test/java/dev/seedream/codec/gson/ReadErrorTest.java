package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.ApiErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadErrorTest {
  private final GsonJsonCodec codec = new GsonJsonCodec();

  private Optional<ApiErrorBody> read(String body) {
    return codec.readError(body.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "{\"error\":{\"message\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\"}}   | Rate limit exceeded | RATE_LIMITED",
        "{\"error\":{\"code\":\"invalid_api_key\",\"message\":\"Bad key\",\"doc\":\"x\"},\"id\":1} | Bad key | invalid_api_key",
        "{\"error\":{\"message\":\"Boom\"}}                                            | Boom                | NULL",
        "{\"error\":{\"code\":\"run_not_found\"}}                                      | NULL                | run_not_found",
        "{\"error\":{\"message\":\"m\",\"code\":null}}                                 | m                   | NULL",
        "{\"error\":\"Unauthorized\"}                                                  | Unauthorized        | NULL",
      })
  void readsTheDocumentedErrorBody(String body, String message, String code) {
    assertThat(read(body)).contains(new ApiErrorBody(message, code));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "{\"error\":{\"message\":\"Rate limit",
        "{\"error\":{\"message\":\"m\",\"code\":\"c\"}",
        "{\"error\":{\"message\":\"m\"}} trailing",
        "{\"message\":\"m\",\"code\":\"c\"}",
        "{\"error\":null}",
        "{\"error\":{}}",
        "{\"error\":[\"m\"]}",
        "{\"error\":42}",
        "[{\"error\":{\"message\":\"m\"}}]",
        "null",
        "\"error\"",
      })
  void isEmptyForAnythingElse(String body) {
    assertThat(read(body)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void isEmptyForDeeplyNestedJunkAndForNull() {
    assertThat(read("{\"error\":" + "{\"a\":".repeat(50_000))).isEmpty();
    assertThat(codec.readError(null)).isEmpty();
  }
}
