package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FakeWithoutJUnitTest {
  @Test
  void theBalanceCoversTwoRunsAndTheThirdIsRefused() {
    StdStreams[] streams = new StdStreams[1];
    int runs = StdStreams.capture(FakeWithoutJUnit::twoRunsThenNoBalance, streams);
    assertThat(runs).isEqualTo(2);
    assertThat(streams[0].out).contains("HTTP 402 insufficient_balance");
  }
}
