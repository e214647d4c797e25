package dev.seedream.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
  private static final URI RUNS = URI.create("https://runbase.net/api/v1/runs");

  @Test
  void toStringRedactsCredentialsInAnyCase() {
    HttpRequest request = HttpRequest.post(RUNS, "{}".getBytes(StandardCharsets.UTF_8))
        .header("Authorization", "Bearer sk-CANARY-0123456789abcdef")
        .header("proxy-authorization", "Basic CANARYPROXY")
        .header("COOKIE", "session=CANARYCOOKIE")
        .header("Content-Type", "application/json")
        .build();
    assertThat(request.toString())
        .isEqualTo("POST https://runbase.net/api/v1/runs {Authorization=<redacted>, proxy-authorization=<redacted>,"
            + " COOKIE=<redacted>, Content-Type=application/json}")
        .doesNotContain("CANARY");
    assertThat(request.headers()).containsEntry("Authorization", "Bearer sk-CANARY-0123456789abcdef");
  }

  @Test
  void theBodyIsCopiedAndTheHeadersCannotBeChanged() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.post(RUNS, body).build();
    body[0] = 'x';
    assertThat(request.body()).containsExactly('{', '}');
    assertThatThrownBy(() -> request.headers().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(HttpRequest.get(RUNS).build().body()).isEmpty();
    assertThat(HttpRequest.get(RUNS).build().method()).isEqualTo("GET");
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> HttpRequest.get(URI.create("/api/v1/runs")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("uri must be absolute, but was /api/v1/runs");
    assertThatThrownBy(() -> HttpRequest.get(RUNS).timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, but was PT0S");
    assertThatThrownBy(() -> HttpRequest.get(RUNS).maxResponseBytes(-3))
        .hasMessage("maxResponseBytes must be positive, but was -3");
  }
}
