package dev.seedream.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.testkit.FakeRunbase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTest {

  @Test
  void pollsSayAtWhichReadARunIsFinished() {
    assertThat(progression("--polls", "1")).isEqualTo("Progression[0 polls pending, 0 processing]");
    assertThat(progression("--polls", "2")).isEqualTo("Progression[1 polls pending, 0 processing]");
    assertThat(progression("--polls", "4")).isEqualTo("Progression[1 polls pending, 2 processing]");
  }

  @Test
  void durationsReadTheUsualUnits() {
    assertThat(StandaloneOptions.duration("12s")).isEqualTo(Duration.ofSeconds(12));
    assertThat(StandaloneOptions.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(StandaloneOptions.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(StandaloneOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(StandaloneOptions.duration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> StandaloneOptions.duration("soon")).hasMessageContaining("'soon'");
  }

  @Test
  void aDurationWithSpreadAndAccelerationIsTimed() {
    assertThat(progression("--duration", "10s", "--sigma", "0.4", "--accelerate", "5"))
        .isEqualTo("Progression[median PT10S, sigma 0.4, x5.0]");
  }

  @Test
  void flagsReachTheFake() {
    StandaloneOptions options = StandaloneOptions.parse(
        List.of("--key", "sk-one", "--seed", "9", "--no-rate-limit", "--full-size-images", "--stop-on-stdin-eof"));
    FakeRunbase fake = options.builder.build();

    assertThat(fake.apiKey()).isEqualTo("sk-one");
    assertThat(fake.seed()).isEqualTo(9);
    assertThat(options.stopOnStdinEof).isTrue();
  }

  @Test
  void unknownOrIncompleteOptionsAreRefused() {
    assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--colour", "red"))).hasMessageContaining("--colour");
    assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--port"))).hasMessageContaining("--port");
    assertThatThrownBy(() -> StandaloneOptions.parse(List.of("--balance", "lots"))).hasMessageContaining("'lots'");
  }

  private static String progression(String... args) {
    return StandaloneOptions.parse(List.of(args)).builder.build().progression().toString();
  }
}
