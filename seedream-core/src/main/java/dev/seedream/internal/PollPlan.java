package dev.seedream.internal;

import dev.seedream.PollPolicy;
import java.time.Duration;

/**
 * When a run's next poll is due, by its {@link PollPolicy}, the durations learned for its class and
 * the queue in front of the budget. Pure: the same inputs give the same wait (the benchmarks'
 * {@code PollSimulation} models the same rule).
 */
final class PollPlan {
  private PollPlan() {}

  /**
   * The wait before the next poll.
   *
   * @param learned durations learned for the run's class, shortest first, in nanoseconds; may be empty
   * @param polls the polls of this run so far (0: the first is being planned)
   * @param elapsed time since the run was created
   * @param backlog how long a request that joins the budget's queue now is expected to wait
   */
  static Duration next(PollPolicy policy, long[] learned, int polls, Duration elapsed, Duration backlog) {
    long floor = polls == 0 ? backlog.toNanos() : Math.max(policy.interval().toNanos(), backlog.toNanos());
    long sinceCreate = elapsed.toNanos();
    if (!policy.learning() || learned.length == 0) {
      return polls == 0
          ? Duration.ofNanos(Math.max(floor, policy.initialDelay().toNanos() - sinceCreate))
          : Duration.ofNanos(Math.max(floor, policy.intervalAfter(polls).toNanos()));
    }
    long longest = Math.max(floor, policy.maxInterval().toNanos());
    for (double q : policy.quantiles()) {
      long at = DurationEstimator.quantile(learned, q) - sinceCreate;
      if (at >= floor) {
        return Duration.ofNanos(polls == 0 ? at : Math.min(at, longest));
      }
    }
    return Duration.ofNanos(polls == 0 ? floor : Math.max(floor, policy.intervalAfter(polls).toNanos()));
  }
}
