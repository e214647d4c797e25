package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"run_01HZX3", "a", "8f0c2a7e-5d1b-4c3e-9f2a-1b2c3d4e5f60", "run.v2~x", "x..y"})
  void opaqueIdsAreKeptAsGiven(String value) {
    RunId id = RunId.of(value);
    assertThat(id.value()).isEqualTo(value);
    assertThat(id.toString()).isEqualTo(value);
    assertThat(id).isEqualTo(RunId.of(value)).hasSameHashCodeAs(RunId.of(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankIdsAreRefused(String value) {
    assertThatThrownBy(() -> RunId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run id must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/b", "../admin", "a?x=1", "a#b", "a b", "a%2Fb", "a\\b", "a\nb", "a\u007fb", ".", ".."})
  void idsThatWouldBreakTheUrlPathAreRefusedWithTheValueShown(String value) {
    assertThatThrownBy(() -> RunId.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("run id must be a single URL path segment, but was '")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theMessageShowsTheOffendingId() {
    assertThatThrownBy(() -> RunId.of("run/1")).hasMessageEndingWith("'run/1'");
  }
}
