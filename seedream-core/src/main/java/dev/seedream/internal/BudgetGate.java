package dev.seedream.internal;

import dev.seedream.SeedreamListener;
import dev.seedream.spi.RateBudget;
import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The queue in front of the rate budget. Requests wait here, creates before all others (a free slot
 * of the caller waits for its create, while a poll only helps if its run has ended), unless the
 * longest-waiting other request has been due for {@link #STARVING} (so that a stream of creates
 * cannot hold back the polls of runs already paid for); each kind ordered by when it became due (a
 * poll scheduled earlier goes before one scheduled later). They pass one by one as the budget frees
 * permits and while fewer than {@code maxInFlight} are in flight, so that a burst of calls waits here instead of overflowing the transport's pool.
 * While polls are in flight, another poll passes only if it leaves a free permit for each of them
 * ({@link RateBudget#available}): a poll that finds its run ended brings its caller's next create,
 * which should find a place instead of waiting a window behind polls granted in the same instant.
 * A poll that is starving passes regardless.
 * One timer wakes the queue when the next permit is due; an answer wakes it too. Nothing blocks.
 */
final class BudgetGate {
  private final RateBudget budget;
  private final TaskScheduler scheduler;
  /** A request due this long goes before waiting creates: one window of Runbase's limit. */
  static final Duration STARVING = RateBudget.RUNBASE_WINDOW;

  private final PriorityQueue<Ticket> creates = new PriorityQueue<>();
  private final PriorityQueue<Ticket> others = new PriorityQueue<>();
  private long sequence;
  private TaskScheduler.Cancellable wakeUp;
  private long wakeUpAt;
  private boolean closed;
  private final int maxInFlight;
  private int inFlight;
  /** Requests other than creates in flight: each may bring a create. */
  private int othersInFlight;
  /**
   * The times of the last grants, oldest overwritten first: their spacing is the queue's pace. More
   * than Runbase's 20 permits of a window, so that a burst of grants as a window turns does not read
   * as a fast queue.
   */
  private final long[] recentGrants = new long[RECENT];
  private long grants;
  static final int RECENT = 32;
  /**
   * Whether what waits was last held back by the budget (no permit, or the permits kept for the
   * creates that polls in flight may bring), not by {@code maxInFlight}: only a budget sets a steady pace. A queue in front of the in-flight limit drains at the pace of the answers
   * (slow while the JVM warms up, fast after), which the last grants do not foretell.
   */
  private boolean budgetPaced;

  BudgetGate(RateBudget budget, TaskScheduler scheduler, int maxInFlight) {
    this.maxInFlight = maxInFlight;
    this.budget = budget;
    this.scheduler = scheduler;
  }

  /**
   * A ticket that completes, with the time of the grant, when the request may go; {@link #release}
   * must follow once the request is answered. Cancelling the ticket takes it out of the queue
   * without spending a permit.
   *
   * @param dueNanos when the request became due, on the scheduler's clock
   * @param request method and path, for events
   * @param listener told when the request waits for the budget
   */
  CompletableFuture<Long> acquire(long dueNanos, String request, SeedreamListener listener) {
    return acquire(dueNanos, false, request, listener);
  }

  /** As {@link #acquire(long, String, SeedreamListener)}; {@code first}: before every other kind (creates). */
  CompletableFuture<Long> acquire(long dueNanos, boolean first, String request, SeedreamListener listener) {
    Ticket ticket;
    synchronized (this) {
      ticket = new Ticket(dueNanos, first, sequence++, request, listener);
      if (closed) {
        ticket.future.cancel(false);
        return ticket.future;
      }
      (first ? creates : others).add(ticket);
    }
    ticket.future.whenComplete(
        (ignored, error) -> {
          if (ticket.future.isCancelled()) {
            synchronized (this) {
              (ticket.first ? creates : others).remove(ticket);
            }
          }
          ticket.waitEnded(error == null);
        });
    drain();
    return ticket.future;
  }

  /**
   * The request of the permit granted at {@code grantedNanos} is answered (or given up).
   *
   * @param first whether it was acquired as {@code first} (a create)
   */
  void release(long grantedNanos, boolean first) {
    synchronized (this) {
      inFlight--;
      if (!first) {
        othersInFlight--;
      }
    }
    budget.release(grantedNanos, scheduler.nanoTime());
    drain();
  }

  /**
   * How long a request that joins the queue now is expected to wait: the requests already waiting,
   * times the mean spacing of the last {@value #RECENT} grants; zero while nothing waits, and zero
   * while they wait only for {@code maxInFlight} (as with an unlimited budget): a wait for answers
   * saves no permit, and a pace measured in a slow moment would push polls far past the queue.
   */
  synchronized Duration backlog() {
    int waiting = creates.size() + others.size();
    if (waiting == 0 || grants < 2 || !budgetPaced) {
      return Duration.ZERO;
    }
    int known = (int) Math.min(grants, RECENT);
    long newest = recentGrants[(int) ((grants - 1) % RECENT)];
    long oldest = recentGrants[(int) ((grants - known) % RECENT)];
    return Duration.ofNanos(waiting * ((newest - oldest) / (known - 1)));
  }

  /** Tells the budget that the server answered 429 all the same. */
  void rateLimited(Duration pause) {
    budget.onRateLimited(pause, scheduler.nanoTime());
  }

  void close() {
    List<Ticket> dropped;
    synchronized (this) {
      closed = true;
      dropped = new ArrayList<>(creates);
      dropped.addAll(others);
      creates.clear();
      others.clear();
      if (wakeUp != null) {
        wakeUp.cancel();
      }
    }
    dropped.forEach(ticket -> ticket.future.cancel(false));
  }

  private void drain() {
    List<Ticket> granted = new ArrayList<>();
    List<Ticket> waiting = new ArrayList<>();
    Duration wait = Duration.ZERO;
    synchronized (this) {
      while ((!creates.isEmpty() || !others.isEmpty()) && inFlight < maxInFlight) {
        long now = scheduler.nanoTime();
        if (keepsPlacesForCreates(now)) {
          // an answer in flight drains the queue again; what waits is held back by the budget's permits
          budgetPaced = true;
          break;
        }
        wait = budget.tryAcquire(now);
        if (!wait.isZero()) {
          budgetPaced = true;
          scheduleWakeUp(now, wait);
          announce(creates, waiting);
          announce(others, waiting);
          break;
        }
        Ticket ticket = next(now);
        recentGrants[(int) (grants++ % RECENT)] = now;
        ticket.grantedAt = now;
        inFlight++;
        if (!ticket.first) {
          othersInFlight++;
        }
        granted.add(ticket);
      }
      if (inFlight >= maxInFlight && (!creates.isEmpty() || !others.isEmpty())) {
        budgetPaced = false;
      }
    }
    Duration expected = wait;
    for (Ticket ticket : waiting) {
      ticket.waitStarted(expected);
    }
    for (Ticket ticket : granted) {
      if (!ticket.future.complete(ticket.grantedAt)) {
        // Cancelled between the grant and now: nothing is sent, so the place is free again.
        release(ticket.grantedAt, ticket.first);
      }
    }
  }

  /** Creates first, unless the longest-waiting other request is starving; guarded by this. */
  private Ticket next(long now) {
    return nextIsOther(now) ? others.poll() : creates.poll();
  }

  private boolean nextIsOther(long now) {
    return creates.isEmpty() || starving(others.peek(), now);
  }

  private static boolean starving(Ticket other, long now) {
    return other != null && now - other.dueNanos - STARVING.toNanos() >= 0;
  }

  /**
   * Whether the next request is a poll (not starving) that must wait for an answer in flight, so
   * that each request in flight other than a create still finds a free permit for the create it may
   * bring; guarded by this.
   */
  private boolean keepsPlacesForCreates(long now) {
    if (othersInFlight == 0 || !nextIsOther(now) || starving(others.peek(), now)) {
      return false;
    }
    return budget.available(now) < othersInFlight + 2;
  }

  private static void announce(PriorityQueue<Ticket> queue, List<Ticket> waiting) {
    for (Ticket ticket : queue) {
      if (!ticket.announced) {
        ticket.announced = true;
        waiting.add(ticket);
      }
    }
  }

  private void scheduleWakeUp(long now, Duration wait) {
    long at = now + wait.toNanos();
    if (wakeUp != null && at - wakeUpAt >= 0) {
      return;
    }
    if (wakeUp != null) {
      wakeUp.cancel();
    }
    wakeUpAt = at;
    wakeUp =
        scheduler.schedule(
            () -> {
              synchronized (this) {
                wakeUp = null;
              }
              drain();
            },
            wait);
  }

  private static final class Ticket implements Comparable<Ticket> {
    final long dueNanos;
    final boolean first;
    final long sequence;
    final String request;
    final SeedreamListener listener;
    final CompletableFuture<Long> future = new CompletableFuture<>();
    boolean announced;
    long grantedAt;
    /** Whether the listener was told of a wait, and whether of its end; guarded by the ticket. */
    private boolean waitTold;
    private boolean ended;

    Ticket(long dueNanos, boolean first, long sequence, String request, SeedreamListener listener) {
      this.first = first;
      this.listener = listener;
      this.dueNanos = dueNanos;
      this.sequence = sequence;
      this.request = request;
    }

    /** Tells the listener that the ticket waits, unless it has already ended. */
    synchronized void waitStarted(Duration expected) {
      if (!ended) {
        waitTold = true;
        Listeners.safely(() -> listener.waitingForBudget(request, expected));
      }
    }

    /** Tells the listener that a wait it was told of has ended. */
    synchronized void waitEnded(boolean granted) {
      ended = true;
      if (waitTold) {
        Listeners.safely(() -> listener.budgetWaitEnded(request, granted));
      }
    }

    @Override
    public int compareTo(Ticket other) {
      int byDue = Long.compare(dueNanos - other.dueNanos, 0);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }
  }
}
