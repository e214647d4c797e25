package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building failures: raw answers are immutable values, and bad values are refused with what to do. */
class FailureTest {

  @Test
  void aRawAnswerIsImmutable() {
    Failure bare = Failure.answer(200);
    byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
    Failure withBody = bare.withBody(bytes).withHeader("X-A", "1").withContentType("text/plain");
    bytes[0] = 'z';
    withBody.body()[1] = 'z';

    assertThat(bare.body()).isEmpty();
    assertThat(bare.headers()).isEmpty();
    assertThat(bare.contentType()).isEmpty();
    assertThat(withBody.body()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(withBody.headers()).containsExactly(Map.entry("X-A", "1"));
    assertThat(withBody.contentType()).hasValue("text/plain");
    assertThat(withBody.withContentType("text/html").contentType()).hasValue("text/html");
    assertThat(withBody.afterHandling().body()).isEqualTo(withBody.body());
    assertThat(withBody.toString()).isEqualTo("Failure[ANSWER 200 text/plain, 3 bytes, 1 header(s)]");
  }

  @Test
  void aRawAnswerHasAStatusFrom200To599() {
    assertThat(Failure.answer(200).status()).isEqualTo(200);
    assertThat(Failure.answer(599).status()).isEqualTo(599);
    assertThatThrownBy(() -> Failure.answer(199)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("199");
    assertThatThrownBy(() -> Failure.answer(600)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("600");
    assertThatThrownBy(() -> Failure.htmlPage(101)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101");
    assertThat(Failure.htmlPage(302).status()).isEqualTo(302);
  }

  @Test
  void badHeadersAndBodiesAreRefusedWithWhatToDo() {
    Failure answer = Failure.answer(200);

    assertThatThrownBy(() -> answer.withHeader("X-A", "a\r\nInjected: yes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CR or LF");
    assertThatThrownBy(() -> answer.withHeader("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Bad Name'");
    assertThatThrownBy(() -> answer.withHeader("content-type", "text/html")).hasMessageContaining("withContentType(..)");
    assertThatThrownBy(() -> Failure.answer(204).withBody("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("204");
    assertThatThrownBy(() -> Failure.serverError(500).withBody("x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Failure.answer(status)");
    assertThatThrownBy(() -> Failure.htmlPage(502).withHeader("X-A", "1")).isInstanceOf(IllegalStateException.class);
  }
}
