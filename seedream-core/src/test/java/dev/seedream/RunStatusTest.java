package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStatusTest {
  @Test
  void theFourDocumentedValuesAreTheConstants() {
    assertThat(RunStatus.of("pending")).isSameAs(RunStatus.PENDING);
    assertThat(RunStatus.of("processing")).isSameAs(RunStatus.PROCESSING);
    assertThat(RunStatus.of("succeeded")).isSameAs(RunStatus.SUCCEEDED);
    assertThat(RunStatus.of("failed")).isSameAs(RunStatus.FAILED);
  }

  @Test
  void onlySucceededAndFailedAreTerminal() {
    assertThat(RunStatus.PENDING.isTerminal()).isFalse();
    assertThat(RunStatus.PROCESSING.isTerminal()).isFalse();
    assertThat(RunStatus.SUCCEEDED.isTerminal()).isTrue();
    assertThat(RunStatus.FAILED.isTerminal()).isTrue();
    assertThat(RunStatus.PENDING.isKnown()).isTrue();
    assertThat(RunStatus.FAILED.value()).isEqualTo("failed");
  }

  @Test
  void anUnknownValueIsKeptVerbatimAndIsNotTerminal() {
    RunStatus status = RunStatus.of("Queued_For-GPU");
    assertThat(status.value()).isEqualTo("Queued_For-GPU");
    assertThat(status.toString()).isEqualTo("Queued_For-GPU");
    assertThat(status.isTerminal()).isFalse();
    assertThat(status.isKnown()).isFalse();
    assertThat(RunStatus.of("SUCCEEDED").isTerminal()).as("values are case-sensitive").isFalse();
    assertThat(RunStatus.of("").isKnown()).isFalse();
  }

  @Test
  void statusesAreEqualByValue() {
    assertThat(RunStatus.of("cancelled")).isEqualTo(RunStatus.of("cancelled"))
        .hasSameHashCodeAs(RunStatus.of("cancelled"))
        .isNotEqualTo(RunStatus.of("canceled"))
        .isNotEqualTo("cancelled");
    assertThat(RunStatus.of("failed")).isEqualTo(RunStatus.FAILED);
    assertThat(RunStatus.PENDING).isNotEqualTo(RunStatus.PROCESSING);
  }
}
