package dev.seedream.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrantsTest {
  @Test
  void permitsGrantedAtOneTimeAreTakenOneByOneThenNoneIsLeft() {
    Grants<String> grants = new Grants<>();
    grants.add(7, "a");
    grants.add(7, "b");
    grants.add(-3, "c");
    assertThat(grants.size()).isEqualTo(3);

    assertThat(grants.take(7)).isEqualTo("a");
    assertThat(grants.take(-3)).isEqualTo("c");
    assertThat(grants.take(7)).isEqualTo("b");
    assertThat(grants.take(7)).isNull();
    assertThat(grants.take(42)).isNull();
    assertThat(grants.size()).isZero();
  }
}
