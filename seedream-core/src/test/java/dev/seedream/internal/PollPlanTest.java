package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.PollPolicy;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PollPlanTest {
  /** 10 s, 11 s, ... 20 s: p50 = 15 s, p70 = 17 s, p85 = 18.5 s, p95 = 19.5 s. */
  private static final long[] LEARNED = LongStream.rangeClosed(10, 20).map(s -> s * 1_000_000_000L).toArray();
  private static final PollPolicy DEFAULTS = PollPolicy.ofDefaults();

  private static Duration next(PollPolicy policy, int polls, double elapsedSeconds, double backlogSeconds) {
    return PollPlan.next(policy, LEARNED, polls, seconds(elapsedSeconds), seconds(backlogSeconds));
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  @Test
  void pollsComeAtTheQuantilesOfTheLearnedDurations() {
    assertThat(next(DEFAULTS, 0, 0, 0)).isEqualTo(seconds(15));
    assertThat(next(DEFAULTS, 1, 15, 0)).isEqualTo(seconds(2));
    assertThat(next(DEFAULTS, 2, 17, 0)).isEqualTo(seconds(1.5));
    assertThat(next(DEFAULTS, 3, 18.5, 0)).isEqualTo(seconds(1));
  }

  @Test
  void afterTheLastQuantileTheIntervalsGrowAsConfigured() {
    assertThat(next(DEFAULTS, 4, 19.5, 0)).isEqualTo(DEFAULTS.intervalAfter(4));
    assertThat(next(DEFAULTS, 9, 40, 0)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aQuantileCloserThanTheIntervalIsSkipped() {
    PollPolicy apart = PollPolicy.custom().interval(Duration.ofMillis(1_800)).build();
    // p85 is 1.5 s after p70: too close, so the next is p95, 2.5 s later
    assertThat(next(apart, 2, 17, 0)).isEqualTo(seconds(2.5));
  }

  @Test
  void theLadderNeverWaitsLongerThanTheMaxInterval() {
    PollPolicy tight = PollPolicy.custom().maxInterval(Duration.ofMillis(1_500)).build();
    assertThat(next(tight, 1, 15, 0)).isEqualTo(seconds(1.5));
  }

  @Test
  void pollsMoveLaterWhileTheBudgetQueueIsLong() {
    // with 3 s of queue ahead, p70 (2 s away) would only wait in it: p85 instead
    assertThat(next(DEFAULTS, 1, 15, 3)).isEqualTo(seconds(3.5));
    // a queue longer than the whole ladder: the poll goes when the queue is expected to let it
    assertThat(next(DEFAULTS, 1, 15, 8)).isEqualTo(seconds(8));
    assertThat(next(DEFAULTS, 0, 0, 20)).isEqualTo(seconds(20));
  }

  @Test
  void beforeAnythingIsLearnedTheFirstPollWaitsTheInitialDelayThenIntervals() {
    assertThat(PollPlan.next(DEFAULTS, new long[0], 0, seconds(1), Duration.ZERO)).isEqualTo(seconds(4));
    assertThat(PollPlan.next(DEFAULTS, new long[0], 1, seconds(5), Duration.ZERO)).isEqualTo(seconds(1));
    assertThat(PollPlan.next(DEFAULTS, new long[0], 2, seconds(6), Duration.ZERO)).isEqualTo(seconds(1.5));
  }

  @Test
  void withLearningOffTheLearnedDurationsAreNotUsed() {
    PollPolicy off = PollPolicy.custom().learning(false).build();
    assertThat(next(off, 0, 0, 0)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void seededRandomInputsAlwaysGiveAWaitWithinTheRules() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 2_000; i++) {
      long[] learned = LongStream.range(0, 1 + random.nextInt(32)).map(x -> random.nextLong(1, 60_000_000_000L)).sorted().toArray();
      int polls = random.nextInt(8);
      Duration elapsed = Duration.ofMillis(random.nextLong(0, 90_000));
      Duration backlog = random.nextBoolean() ? Duration.ZERO : Duration.ofMillis(random.nextLong(0, 20_000));
      Duration wait = PollPlan.next(DEFAULTS, learned, polls, elapsed, backlog);

      assertThat(wait).as("never before the queue lets it go").isGreaterThanOrEqualTo(backlog);
      if (polls > 0) {
        assertThat(wait).as("never closer than interval").isGreaterThanOrEqualTo(DEFAULTS.interval());
        assertThat(wait).as("never farther than maxInterval unless the queue is longer")
            .isLessThanOrEqualTo(backlog.compareTo(DEFAULTS.maxInterval()) > 0 ? backlog : DEFAULTS.maxInterval());
      }
    }
  }

  @Test
  void quantilesThatDoNotRiseAreRefusedWithTheValues() {
    assertThatThrownBy(() -> PollPolicy.custom().quantiles(0.7, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.7, 0.5]");
    assertThatThrownBy(() -> PollPolicy.custom().quantiles(50, 70)).hasMessageContaining("fractions");
  }
}
