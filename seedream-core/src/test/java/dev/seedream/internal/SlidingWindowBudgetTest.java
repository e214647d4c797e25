package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.spi.RateBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sliding-window rate budget, on a fake clock (nanoseconds as given by the test). */
class SlidingWindowBudgetTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;
  /** The margin {@link RateBudget#slidingWindow} adds to the window. */
  private static final long MARGIN = 250 * MS;

  @ParameterizedTest
  @ValueSource(longs = {0L, -7 * S, Long.MAX_VALUE - 2 * S})
  void grantsNPermitsThenSaysHowLongToWait(long t0) {
    RateBudget budget = RateBudget.slidingWindow(3, Duration.ofSeconds(1));
    assertThat(acquire(budget, t0)).isZero();
    assertThat(acquire(budget, t0)).isZero();
    assertThat(acquire(budget, t0)).isZero();

    assertThat(acquire(budget, t0)).isEqualTo(Duration.ofMillis(1250));
    assertThat(acquire(budget, t0 + 1 * S)).isEqualTo(Duration.ofMillis(250));
    assertThat(acquire(budget, t0 + 1 * S + MARGIN - 1)).isEqualTo(Duration.ofNanos(1));
    assertThat(acquire(budget, t0 + 1 * S + MARGIN)).isZero();
  }

  @Test
  void theWaitIsUntilTheOldestGrantLeavesTheWindow() {
    RateBudget budget = RateBudget.slidingWindow(3, Duration.ofSeconds(1));
    assertThat(acquire(budget, 0)).isZero();
    assertThat(acquire(budget, 500 * MS)).isZero();
    assertThat(acquire(budget, 1000 * MS)).isZero();

    assertThat(acquire(budget, 1100 * MS)).isEqualTo(Duration.ofMillis(150));
    assertThat(acquire(budget, 1250 * MS)).isZero();
    assertThat(acquire(budget, 1250 * MS)).as("next oldest is the grant at 500 ms").isEqualTo(Duration.ofMillis(500));
    assertThat(acquire(budget, 1750 * MS)).isZero();
  }

  @Test
  void aRefusedRequestTakesNoPermit() {
    RateBudget budget = RateBudget.slidingWindow(1, Duration.ofSeconds(1));
    assertThat(acquire(budget, 0)).isZero();
    for (int i = 0; i < 100; i++) {
      assertThat(acquire(budget, i * MS)).isPositive();
    }
    assertThat(acquire(budget, S + MARGIN)).isZero();
  }

  @Test
  void theRunbaseDefaultIs20In10SecondsWithMargin() {
    RateBudget budget = RateBudget.runbaseDefault();
    for (int i = 0; i < 20; i++) {
      assertThat(acquire(budget, i * MS)).as("grant %d", i).isZero();
    }
    assertThat(acquire(budget, 20 * MS)).isEqualTo(Duration.ofMillis(10_250 - 20));
    assertThat(acquire(budget, 10_250 * MS)).isZero();
  }

  @Test
  void onRateLimitedPausesEvenWithPermitsFree() {
    RateBudget budget = RateBudget.slidingWindow(20, Duration.ofSeconds(10));
    assertThat(acquire(budget, 0)).isZero();

    budget.onRateLimited(Duration.ofSeconds(2), 1 * S);
    assertThat(acquire(budget, 1 * S)).isEqualTo(Duration.ofSeconds(2));
    budget.onRateLimited(Duration.ofMillis(100), 2 * S);
    assertThat(acquire(budget, 2 * S)).as("a shorter pause does not cut a longer one").isEqualTo(Duration.ofSeconds(1));
    budget.onRateLimited(Duration.ofSeconds(5), 2 * S);
    assertThat(acquire(budget, 2 * S)).as("a longer pause extends it").isEqualTo(Duration.ofSeconds(5));
    assertThat(acquire(budget, 7 * S - 1)).isEqualTo(Duration.ofNanos(1));
    assertThat(acquire(budget, 7 * S)).isZero();
    assertThat(acquire(budget, 7 * S)).isZero();
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> RateBudget.slidingWindow(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("permits must be at least 1, but was 0");
    assertThatThrownBy(() -> RateBudget.slidingWindow(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("window must be positive, but was PT0S");
    assertThatThrownBy(() -> RateBudget.slidingWindow(1, null)).hasMessage("window");
  }

  @Test
  void unlimitedNeverWaits() {
    RateBudget budget = RateBudget.unlimited();
    for (int i = 0; i < 1000; i++) {
      assertThat(acquire(budget, 0)).isZero();
    }
  }

  /**
   * Property: clients arriving at random times, each retrying after the wait it was told, never get
   * more than 20 grants in any 10.25 s, and each is served.
   */
  @Test
  void noWindowEverHoldsMoreThan20GrantsUnderRandomLoad() {
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      long t0 = random.nextBoolean() ? random.nextLong() : Long.MAX_VALUE - random.nextLong(30 * S);
      RateBudget budget = RateBudget.runbaseDefault();
      PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
      int requests = 50 + random.nextInt(250);
      long spread = (1 + random.nextInt(120)) * S;
      for (int i = 0; i < requests; i++) {
        long at = random.nextInt(10) == 0 ? 0 : random.nextLong(spread);
        events.add(new long[] {at, at});
      }
      List<Long> grants = new ArrayList<>();
      int steps = 0;
      while (!events.isEmpty()) {
        assertThat(++steps).as("seed %d: requests keep being served", seed).isLessThan(requests * 200);
        long[] event = events.poll();
        Duration wait = acquire(budget, t0 + event[0]);
        if (wait.isZero()) {
          grants.add(event[0]);
        } else {
          assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(10_250));
          events.add(new long[] {event[0] + wait.toNanos() + random.nextLong(3 * MS), event[1]});
        }
      }
      assertThat(grants).hasSize(requests);
      for (int i = 20; i < grants.size(); i++) {
        assertThat(grants.get(i) - grants.get(i - 20))
            .as("seed %d: grants %d and %d are at least 10 s + margin apart", seed, i - 20, i)
            .isGreaterThanOrEqualTo(10 * S + MARGIN);
      }
    }
  }

  /** Grants a permit whose request is answered at once, as most of these tests assume. */
  private static Duration acquire(RateBudget budget, long now) {
    Duration wait = budget.tryAcquire(now);
    if (wait.isZero()) {
      budget.release(now, now);
    }
    return wait;
  }

  @Test
  void aRequestInFlightKeepsItsPlaceUntilAWindowAfterItsAnswer() {
    RateBudget budget = RateBudget.slidingWindow(2, Duration.ofSeconds(1));
    assertThat(budget.tryAcquire(0)).isZero();
    assertThat(budget.tryAcquire(0)).isZero();
    assertThat(budget.tryAcquire(100 * S)).as("both still in flight").isPositive();

    budget.release(0, 3 * S);
    assertThat(budget.tryAcquire(3 * S + 1 * S + MARGIN - 1)).isEqualTo(Duration.ofNanos(1));
    assertThat(budget.tryAcquire(3 * S + 1 * S + MARGIN)).isZero();
    assertThat(budget.tryAcquire(200 * S)).as("the other is still in flight, the new one too").isPositive();
  }

  @Test
  void releasingAPermitTwiceOrOneNeverGrantedChangesNothing() {
    RateBudget budget = RateBudget.slidingWindow(1, Duration.ofSeconds(1));
    assertThat(budget.tryAcquire(5 * S)).isZero();
    budget.release(7 * S, 7 * S);
    assertThat(budget.tryAcquire(60 * S)).isPositive();
    budget.release(5 * S, 6 * S);
    budget.release(5 * S, 50 * S);
    assertThat(budget.tryAcquire(6 * S + 1 * S + MARGIN)).isZero();
  }

  @Test
  void aClientThatWaitsAsToldIsGrantedThen() {
    SplittableRandom random = new SplittableRandom(99);
    RateBudget budget = RateBudget.slidingWindow(5, Duration.ofSeconds(2));
    long now = 0;
    for (int i = 0; i < 500; i++) {
      now += random.nextLong(800 * MS);
      Duration wait = acquire(budget, now);
      if (!wait.isZero()) {
        assertThat(acquire(budget, now + wait.toNanos() - 1)).as("one nanosecond early").isPositive();
        now += wait.toNanos();
        assertThat(acquire(budget, now)).as("at the time it was told").isZero();
      }
    }
  }

  @Test
  void availableCountsThePermitsThatWouldBeGrantedNow() {
    RateBudget budget = RateBudget.slidingWindow(3, Duration.ofSeconds(1));
    assertThat(budget.available(0)).isEqualTo(3);
    assertThat(acquire(budget, 0)).isZero();
    assertThat(budget.tryAcquire(5)).isZero();
    assertThat(budget.available(5)).as("one answered, one in flight").isEqualTo(1);
    assertThat(budget.available(1 * S + MARGIN - 1)).isEqualTo(1);
    assertThat(budget.available(1 * S + MARGIN)).as("the answered ones' places are free again, the one in flight's not")
        .isEqualTo(2);
    assertThat(budget.available(1 * S + MARGIN)).as("asking takes nothing").isEqualTo(2);

    budget.onRateLimited(Duration.ofSeconds(5), 2 * S);
    assertThat(budget.available(2 * S)).as("paused").isZero();
    assertThat(RateBudget.unlimited().available(0)).as("cannot tell").isEqualTo(Integer.MAX_VALUE);
  }
}
