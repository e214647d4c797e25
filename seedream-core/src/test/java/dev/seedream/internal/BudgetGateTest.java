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
    tickets.forEach(ticket -> gate.release(ticket.join()));

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

    gate.release(first.join());
    assertThat(third).isDone();
    CompletableFuture<Long> fourth = gate.acquire(4, "GET /4", SeedreamListener.NONE);
    assertThat(fourth).isNotDone();
    fourth.cancel(false);
    gate.release(second.join());
    gate.release(third.join());
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

    gate.release(busy.join());
    assertThat(create).as("the create, due later, goes first").isDone();
    assertThat(poll).isNotDone();
    gate.release(create.join());
    assertThat(poll).isDone();
  }

  @Test
  void aPollDueForAWindowGoesBeforeCreatesSoThatAStreamOfCreatesCannotStarveIt() {
    TickingClock clock = new TickingClock();
    BudgetGate gate = new BudgetGate(RateBudget.unlimited(), clock, 1);
    CompletableFuture<Long> busy = gate.acquire(clock.nanoTime(), "GET /0", SeedreamListener.NONE);
    CompletableFuture<Long> poll = gate.acquire(clock.nanoTime(), false, "GET /1", SeedreamListener.NONE);
    CompletableFuture<Long> early = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    gate.release(busy.join());
    assertThat(early).as("a create goes first while the poll is not starving").isDone();
    assertThat(poll).isNotDone();

    clock.now += BudgetGate.STARVING.toNanos();
    CompletableFuture<Long> late = gate.acquire(clock.nanoTime(), true, "POST /runs", SeedreamListener.NONE);
    gate.release(early.join());
    assertThat(poll).as("due for a window: before the create").isDone();
    assertThat(late).isNotDone();
    gate.release(poll.join());
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
    gate.release(first.join());

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
      gate.release(current.join());
      current = queued.remove(0);
      assertThat(current).isDone();
    }

    assertThat(queued).hasSize(97).noneMatch(CompletableFuture::isDone);
    assertThat(gate.backlog()).as("97 waiting, 2 s apart, but for answers, not for permits").isZero();
  }
}
