package dev.seedream.internal;

import dev.seedream.ApiKey;
import dev.seedream.spi.Grants;
import dev.seedream.spi.RateBudget;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The in-memory budgets of one JVM, one per key and base URL: clients built on the same key and
 * base URL (without a budget of their own) share Runbase's limit instead of each taking all of it.
 * Entries are counted by the clients that hold them and dropped when the last one closes. The map
 * is keyed by the key's SHA-256 and the normalised base URL, never by the key itself.
 *
 * <p>Clients do not share a clock (Reactor's runs on epoch milliseconds, the default one on {@link
 * System#nanoTime()}), so the shared budget runs on {@link System#nanoTime()} and each client's
 * {@link Lease} translates its grants.
 */
public final class SharedBudgets {
  private static final SharedBudgets JVM = new SharedBudgets(RateBudget::runbaseDefault);

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Supplier<RateBudget> factory;

  SharedBudgets(Supplier<RateBudget> factory) {
    this.factory = factory;
  }

  /** The budgets of this JVM. */
  public static SharedBudgets jvm() {
    return JVM;
  }

  /** A lease on the budget of {@code key} at {@code baseUrl}; closing it gives the lease back. */
  public Lease lease(ApiKey key, URI baseUrl) {
    String id = id(key, baseUrl);
    Entry entry = entries.compute(id, (ignored, current) -> {
      Entry next = current != null ? current : new Entry(factory.get());
      next.holders++;
      return next;
    });
    return new Lease(this, id, entry.budget);
  }

  /** How many distinct budgets are held now; for tests. */
  int size() {
    return entries.size();
  }

  /** How many clients hold the budget of {@code key} at {@code baseUrl} now; for tests. */
  public int holders(ApiKey key, URI baseUrl) {
    Entry entry = entries.get(id(key, baseUrl));
    return entry == null ? 0 : entry.holders;
  }

  private void giveBack(String id) {
    entries.computeIfPresent(id, (ignored, entry) -> --entry.holders == 0 ? null : entry);
  }

  /** The key's fingerprint and the normalised base URL: the key itself is never held. */
  static String id(ApiKey key, URI baseUrl) {
    return key.fingerprint() + " " + normalise(baseUrl);
  }

  /** Scheme and host in lower case, the port spelled out, no trailing slash. */
  static String normalise(URI baseUrl) {
    String scheme = Objects.requireNonNull(baseUrl.getScheme(), "scheme").toLowerCase(Locale.ROOT);
    String host = Objects.requireNonNull(baseUrl.getHost(), "host").toLowerCase(Locale.ROOT);
    int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : scheme.equals("https") ? 443 : 80;
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + host + ":" + port + path;
  }

  private static final class Entry {
    final RateBudget budget;
    int holders;

    Entry(RateBudget budget) {
      this.budget = budget;
    }
  }

  /**
   * One client's hold on a shared budget. Its grants are taken on {@link System#nanoTime()} and
   * remembered under the client's own grant times, so that {@link #release} finds them.
   */
  public static final class Lease implements RateBudget {
    private final SharedBudgets owner;
    private final String id;
    private final RateBudget budget;
    private final Grants<Long> grants = new Grants<>();
    private boolean closed;

    Lease(SharedBudgets owner, String id, RateBudget budget) {
      this.owner = owner;
      this.id = id;
      this.budget = budget;
    }

    @Override
    public Duration tryAcquire(long nowNanos) {
      long shared = System.nanoTime();
      Duration wait = budget.tryAcquire(shared);
      if (wait.isZero()) {
        synchronized (this) {
          grants.add(nowNanos, shared);
        }
      }
      return wait;
    }

    @Override
    public void release(long grantedNanos, long answeredNanos) {
      Long shared;
      synchronized (this) {
        shared = grants.take(grantedNanos);
      }
      if (shared != null) {
        budget.release(shared, System.nanoTime());
      }
    }

    @Override
    public int available(long nowNanos) {
      return budget.available(System.nanoTime());
    }

    @Override
    public void onRateLimited(Duration pause, long nowNanos) {
      budget.onRateLimited(pause, System.nanoTime());
    }

    /** Gives the lease back (once); permits in flight are still released into the budget. */
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      owner.giveBack(id);
    }

    /** Permits granted through this lease and not yet released; for tests. */
    synchronized int inFlight() {
      return grants.size();
    }

    @Override
    public String toString() {
      return "SharedBudgets.Lease{" + budget + "}";
    }
  }
}
