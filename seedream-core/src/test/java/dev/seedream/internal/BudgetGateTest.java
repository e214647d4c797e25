package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.SeedreamListener;
import dev.seedream.spi.RateBudget;
import dev.seedream.spi.TaskScheduler;
import dev.seedream.testing.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BudgetGateTest {
  /** A clock that moves on each reading, as the system's does; timers are never run. */
  static final class TickingClock implements TaskScheduler {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
      return now += 1_000;
    }

    @Override
    public Instant now() {
      return Instant.EPOCH.plusNanos(now);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      return () -> {};
    }
  }

  @Test
  void permitsGrantedTogetherAreEachReleasedByTheirOwnGrantTime() {
    TickingClock clock = new TickingClock();
    RateBudget window = RateBudget.slidingWindow(3, Duration.ofMillis(1));
    boolean[] open = {false};
    RateBudget gated = new RateBudget() {
      @Override
      public Duration tryAcquire(long nowNanos) {
        return open[0] ? window.tryAcquire(nowNanos) : Duration.ofSeconds(1);
      }

      @Override
      public void release(long grantedNanos, long answeredNanos) {
        window.release(grantedNanos, answeredNanos);
      }
    };
    BudgetGate gate = new BudgetGate(gated, clock, 10);
    List<CompletableFuture<Long>> tickets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tickets.add(gate.acquire(clock.nanoTime(), "GET /x", SeedreamListener.NONE));
    }
    assertThat(tickets).noneMatch(CompletableFuture::isDone);

    open[0] = true;
    CompletableFuture<Long> fourth = gate.acquire(clock.nanoTime(), "GET /x", SeedreamListener.NONE);
    assertThat(tickets).allMatch(CompletableFuture::isDone);
    assertThat(fourth).isNotDone();
    assertThat(tickets.stream().map(CompletableFuture::join).distinct()).as("each grant has its own time").hasSize(3);
    tickets.forEach(ticket -> gate.release(ticket.join(), false));

    clock.now += Duration.ofMillis(300).toNanos();
    CompletableFuture<Long> fifth = gate.acquire(clock.nanoTime(), "GET /x", SeedreamListener.NONE);
    CompletableFuture<Long> sixth = gate.acquire(clock.nanoTime(), "GET /x", SeedreamListener.NONE);
    assertThat(fourth).as("the queued one first").isDone();
    assertThat(fifth).as("all three places are free again").isDone();
    assertThat(sixth).isDone();
    assertThat(gate.acquire(clock.nanoTime(), "GET /x", SeedreamListener.NONE)).as("and no more").isNotDone();
  }

  @Test
  void noMoreThanMaxInFlightGoAtOnceAndAnAnswerLetsTheNextGo() {
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), new TickingClock(), 2);
    CompletableFuture<Long> first = gate.acquire(1, "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> second = gate.acquire(2, "GET /2", SeedreamListener.NONE);
    CompletableFuture<Long> third = gate.acquire(3, "GET /3", SeedreamListener.NONE);
    assertThat(first).isDone();
    assertThat(second).isDone();
    assertThat(third).isNotDone();

    gate.release(first.join(), false);
    assertThat(third).isDone();
    CompletableFuture<Long> fourth = gate.acquire(4, "GET /4", SeedreamListener.NONE);
    assertThat(fourth).isNotDone();
    fourth.cancel(false);
    gate.release(second.join(), false);
    gate.release(third.join(), false);
    assertThat(gate.acquire(5, "GET /5", SeedreamListener.NONE)).isDone();
    assertThat(gate.acquire(6, "GET /6", SeedreamListener.NONE)).isDone();
  }

  @Test
  void createsGoBeforePollsThatBecameDueEarlier() {
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), new TickingClock(), 1);
    CompletableFuture<Long> busy = gate.acquire(1, "GET /0", SeedreamListener.NONE);
    CompletableFuture<Long> poll = gate.acquire(2, false, "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> create = gate.acquire(3, true, "POST /runs", SeedreamListener.NONE);
    assertThat(poll).isNotDone();
    assertThat(create).isNotDone();

    gate.release(busy.join(), false);
    assertThat(create).as("the create, due later, goes first").isDone();
    assertThat(poll).isNotDone();
    gate.release(create.join(), true);
    assertThat(poll).isDone();
  }

  @Test
  void aPollDueForAWindowGoesBeforeCreatesSoThatAStreamOfCreatesCannotStarveIt() {
    TickingClock clock = new TickingClock();
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), clock, 1);
    CompletableFuture<Long> busy = gate.acquire(clock.nanoTime(), "GET /0", SeedreamListener.NONE);
    CompletableFuture<Long> poll = gate.acquire(clock.nanoTime(), false, "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> early = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    gate.release(busy.join(), false);
    assertThat(early).as("a create goes first while the poll is not starving").isDone();
    assertThat(poll).isNotDone();

    clock.now += BudgetGate.STARVING.toNanos();
    CompletableFuture<Long> late = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    gate.release(early.join(), true);
    assertThat(poll).as("due for a window: before the create").isDone();
    assertThat(late).isNotDone();
    gate.release(poll.join(), false);
    assertThat(late).isDone();
  }

  @Test
  void theBacklogIsTheQueueTimesTheSpacingOfTheLastGrants() {
    TickingClock clock = new TickingClock();
    int[] permits = {1};
    RateBudget counted = new RateBudget() {
      @Override
      public Duration tryAcquire(long nowNanos) {
        return permits[0]-- > 0 ? Duration.ZERO : Duration.ofSeconds(1);
      }

      @Override
      public void release(long grantedNanos, long answeredNanos) {}
    };
    BudgetGate gate = new BudgetGate(counted, clock, 10);
    assertThat(gate.backlog()).isZero();
    CompletableFuture<Long> first = gate.acquire(clock.nanoTime(), "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> second = gate.acquire(clock.nanoTime(), "GET /2", SeedreamListener.NONE);
    gate.acquire(clock.nanoTime(), "GET /3", SeedreamListener.NONE);
    assertThat(second).isNotDone();

    clock.now += Duration.ofSeconds(2).toNanos();
    permits[0] = 1;
    gate.release(first.join(), false);

    assertThat(second).isDone();
    assertThat(gate.backlog()).as("one waiting, the two grants came about 2 s apart")
        .isGreaterThan(Duration.ofMillis(1_900)).isLessThan(Duration.ofMillis(2_100));
  }

  @Test
  void aQueueHeldOnlyByMaxInFlightMovesNoPollLater() {
    // An unlimited budget: 10,000 calls queue only because at most maxInFlight go at once. A pace
    // measured while answers are slow (a JVM warming up) must not push every poll planned now
    // that far out: they were planned minutes late, and some passed their deadline unpolled.
    VirtualScheduler clock = new VirtualScheduler();
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), clock, 1);
    CompletableFuture<Long> current = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    List<CompletableFuture<Long>> queued = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      queued.add(gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE));
    }
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(2));
      gate.release(current.join(), true);
      current = queued.remove(0);
      assertThat(current).isDone();
    }

    assertThat(queued).hasSize(97).noneMatch(CompletableFuture::isDone);
    assertThat(gate.backlog()).as("97 waiting, 2 s apart, but for answers, not for permits").isZero();
  }

  @Test
  void whilePollsAreInFlightAnotherPollGoesOnlyIfItLeavesAFreePermitForEachOfThem() {
    TickingClock clock = new TickingClock();
    BudgetGate gate = new BudgetGate(RateBudget.slidingWindow(5, Duration.ofSeconds(10)), clock, 10);
    CompletableFuture<Long> first = gate.acquire(clock.nanoTime(), "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> second = gate.acquire(clock.nanoTime(), "GET /2", SeedreamListener.NONE);
    CompletableFuture<Long> third = gate.acquire(clock.nanoTime(), "GET /3", SeedreamListener.NONE);
    assertThat(first).as("nothing in flight: the poll goes").isDone();
    assertThat(second).as("4 free permits, one kept for the first poll's create").isDone();
    assertThat(third).as("3 free permits would leave 1 for 2 polls in flight").isNotDone();

    CompletableFuture<Long> create = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    assertThat(create).as("a create takes a kept place at once").isDone();
    gate.release(first.join(), false);
    assertThat(third).as("2 free permits, 1 poll in flight").isNotDone();
    gate.release(create.join(), true);
    assertThat(third).as("an answered create frees no place within the window").isNotDone();
    gate.release(second.join(), false);
    assertThat(third).as("no poll in flight: the last free permit goes to the poll").isDone();
  }

  @Test
  void aQueueHeldBackToKeepPlacesForCreatesMovesPollsLaterAtTheGrantsPace() {
    // the polls wait for the budget's permits (kept for creates), not for answers: the queue's pace is the budget's
    TickingClock clock = new TickingClock();
    BudgetGate gate = new BudgetGate(RateBudget.slidingWindow(5, Duration.ofSeconds(10)), clock, 10);
    CompletableFuture<Long> first = gate.acquire(clock.nanoTime(), "GET /1", SeedreamListener.NONE);
    clock.now += Duration.ofSeconds(2).toNanos();
    CompletableFuture<Long> second = gate.acquire(clock.nanoTime(), "GET /2", SeedreamListener.NONE);
    CompletableFuture<Long> third = gate.acquire(clock.nanoTime(), "GET /3", SeedreamListener.NONE);
    assertThat(first).isDone();
    assertThat(second).isDone();
    assertThat(third).as("held back: 3 free permits would leave 1 for 2 polls in flight").isNotDone();

    assertThat(gate.backlog()).as("one waiting, the two grants came about 2 s apart")
        .isGreaterThan(Duration.ofMillis(1_900)).isLessThan(Duration.ofMillis(2_100));
  }

  @Test
  void aStarvingPollKeepsNoPlaceForCreates() {
    TickingClock clock = new TickingClock();
    BudgetGate gate = new BudgetGate(RateBudget.slidingWindow(3, Duration.ofSeconds(10)), clock, 10);
    CompletableFuture<Long> inFlight = gate.acquire(clock.nanoTime(), "GET /1", SeedreamListener.NONE);
    long due = clock.nanoTime() - BudgetGate.STARVING.toNanos();
    CompletableFuture<Long> starving = gate.acquire(due, "GET /2", SeedreamListener.NONE);
    assertThat(inFlight).isDone();
    assertThat(starving).as("due for a window: it goes though a poll is in flight and 2 permits are free").isDone();
  }

  @Test
  void aBudgetThatCannotTellWhatIsFreeKeepsNoPlaces() {
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), new TickingClock(), 10);
    List<CompletableFuture<Long>> polls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      polls.add(gate.acquire(i, "GET /" + i, SeedreamListener.NONE));
    }
    assertThat(polls).allMatch(CompletableFuture::isDone);
  }
}
