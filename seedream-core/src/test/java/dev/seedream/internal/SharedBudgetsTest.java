package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.ApiKey;
import dev.seedream.spi.RateBudget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM's budgets per key and base URL: shared, counted, and dropped with their last holder. */
class SharedBudgetsTest {
  static final ApiKey KEY = ApiKey.of("sk-shared-key-0123456789");
  static final URI BASE = URI.create("https://runbase.net");
  final SharedBudgets budgets = new SharedBudgets(() -> RateBudget.slidingWindow(2, Duration.ofHours(1)));

  @Test
  void leasesOnOneKeyAndBaseUrlShareOneBudget() {
    SharedBudgets.Lease first = budgets.lease(KEY, BASE);
    SharedBudgets.Lease second = budgets.lease(KEY, BASE);
    assertThat(first.tryAcquire(0)).isZero();
    assertThat(second.tryAcquire(0)).isZero();

    assertThat(first.tryAcquire(1)).isPositive();
    assertThat(second.tryAcquire(1)).isPositive();
    assertThat(budgets.size()).isEqualTo(1);
    assertThat(budgets.holders(KEY, BASE)).isEqualTo(2);
  }

  @Test
  void anotherKeyOrAnotherServerHasABudgetOfItsOwn() {
    SharedBudgets.Lease lease = budgets.lease(KEY, BASE);
    lease.tryAcquire(0);
    lease.tryAcquire(0);

    assertThat(budgets.lease(ApiKey.of("sk-another-key-0123456789"), BASE).tryAcquire(0)).isZero();
    assertThat(budgets.lease(KEY, URI.create("https://eu.runbase.net")).tryAcquire(0)).isZero();
    assertThat(budgets.lease(KEY, URI.create("https://runbase.net/v2")).tryAcquire(0)).isZero();
    assertThat(budgets.size()).isEqualTo(4);
  }

  @Test
  void baseUrlsThatNameOneServerShareOneBudget() {
    budgets.lease(KEY, URI.create("http://LocalHost:80/"));
    budgets.lease(KEY, URI.create("http://localhost"));
    budgets.lease(KEY, URI.create("HTTPS://runbase.net:443//"));
    budgets.lease(KEY, BASE);

    assertThat(budgets.size()).isEqualTo(2);
    assertThat(budgets.holders(KEY, URI.create("http://localhost:80"))).isEqualTo(2);
    assertThat(budgets.holders(KEY, BASE)).isEqualTo(2);
  }

  @Test
  void theBudgetIsDroppedWhenItsLastHolderClosesAndClosingTwiceCountsOnce() {
    SharedBudgets.Lease first = budgets.lease(KEY, BASE);
    SharedBudgets.Lease second = budgets.lease(KEY, BASE);
    first.tryAcquire(0);
    first.tryAcquire(0);

    first.close();
    first.close();
    assertThat(budgets.holders(KEY, BASE)).isEqualTo(1);
    assertThat(second.tryAcquire(0)).as("still shared with the closed lease's grants").isPositive();

    second.close();
    assertThat(budgets.size()).isZero();
    assertThat(budgets.lease(KEY, BASE).tryAcquire(0)).as("a new budget").isZero();
  }

  @Test
  void aReleaseFindsTheSharedGrantOfTheClientsOwnGrantTime() {
    Recording recording = new Recording();
    SharedBudgets.Lease lease = new SharedBudgets(() -> recording).lease(KEY, BASE);
    // a client's clock may give two grants the same time, and another clock than the budget's
    lease.tryAcquire(5_000);
    lease.tryAcquire(5_000);
    lease.tryAcquire(9_000);
    assertThat(lease.inFlight()).isEqualTo(3);

    lease.release(5_000, 6_000);
    lease.release(9_000, 10_000);
    lease.release(5_000, 11_000);
    lease.release(5_000, 12_000);
    lease.release(123, 456);

    assertThat(recording.released).containsExactlyInAnyOrderElementsOf(recording.granted);
    assertThat(lease.inFlight()).isZero();
  }

  @Test
  void theMapHoldsAHashNeverTheKey() {
    String id = SharedBudgets.id(KEY, BASE);
    assertThat(id).startsWith(KEY.fingerprint()).doesNotContain("shared-key");
    assertThat(SharedBudgets.id(KEY, URI.create("https://runbase.net/"))).isEqualTo(id);
    assertThat(budgets.lease(KEY, BASE).toString()).doesNotContain("shared-key");
  }

  /** Grants every permit and records the times it sees. */
  static final class Recording implements RateBudget {
    final List<Long> granted = new ArrayList<>();
    final List<Long> released = new ArrayList<>();

    @Override
    public synchronized Duration tryAcquire(long nowNanos) {
      granted.add(nowNanos);
      return Duration.ZERO;
    }

    @Override
    public synchronized void release(long grantedNanos, long answeredNanos) {
      released.add(grantedNanos);
    }
  }
}
