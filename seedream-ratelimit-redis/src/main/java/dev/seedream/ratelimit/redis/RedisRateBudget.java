package dev.seedream.ratelimit.redis;

import dev.seedream.ApiKey;
import dev.seedream.ConfigurationException;
import dev.seedream.ratelimit.redis.internal.KeyNames;
import dev.seedream.ratelimit.redis.internal.Scripts;
import dev.seedream.spi.Grants;
import dev.seedream.spi.RateBudget;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runbase's rate limit for one key, shared through Redis by every process that uses the key: no
 * more than 20 requests in any 10 s reach the server, whichever process sends them.
 *
 * <p>It holds the rule as the in-memory budget does: a request keeps its place from its grant until
 * a window (plus 250 ms) after its answer. Places live in a Redis sorted set under a key made of a
 * prefix and a SHA-256 of the API key (never the key itself); one atomic script grants or refuses,
 * on Redis's own clock ({@code TIME}), so hosts' clocks do not matter. A place whose holder died
 * without an answer frees itself after the {@linkplain Builder#lease lease}.
 *
 * <pre>{@code
 * RedisRateBudget budget = RedisRateBudget.builder()
 *     .redisUri("redis://redis.internal:6379")
 *     .apiKey(System.getenv("RUNBASE_API_KEY"))
 *     .build();                                   // throws ConfigurationException if Redis is unreachable
 * SeedreamClient client = SeedreamClient.builder().rateBudget(budget).build();
 * // ... at shutdown: client.close(); budget.close();
 * }</pre>
 *
 * <h2>When Redis fails</h2>
 *
 * <ul>
 *   <li>Unreachable when built: {@link ConfigurationException}, nothing is sent.
 *   <li>Lost while running: by default requests wait until Redis answers again (fail closed). With
 *       {@link Builder#fallbackPermits} they go on at that many per window on a budget in memory.
 *   <li>Back again: this process registers the places it holds (in flight, answered during the
 *       outage, granted by the fallback) before it asks for more, so no burst goes through.
 *   <li>Restarted without its data (or flushed): the first process to notice starts a pause of one
 *       window, so that requests the server saw before the loss have left its window.
 * </ul>
 *
 * <p>{@link #tryAcquire} never waits for Redis: it starts an asynchronous request and answers "ask
 * again in a few milliseconds" until the answer is in. Thread-safe. {@link #close()} closes the
 * connection; close the clients that use the budget first.
 *
 * @since 0.1.0
 */
public final class RedisRateBudget implements RateBudget, AutoCloseable {
  /** How soon the engine asks again while Redis's answer is on its way. */
  static final Duration POLL = Duration.ofMillis(3);
  /** How often a lost Redis is tried again. */
  static final Duration PROBE = Duration.ofMillis(500);
  /** The longest pause between two attempts to reconnect to a lost Redis. */
  static final Duration RECONNECT_AT_MOST = Duration.ofSeconds(1);
  /** How long a granted permit waits for the engine to take it before it is given back. */
  static final Duration UNCLAIMED = Duration.ofSeconds(2);
  private static final long EPOCH_TTL_MS = Duration.ofDays(1).toMillis();

  private final String[] keys;
  private final int permits;
  private final long windowMs;
  private final long leaseMs;
  private final RateBudget fallback;
  private final String display;
  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final String process = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sequence = new AtomicLong();

  // guarded by this
  private String epoch;
  private String ready;
  private boolean asking;
  private long retryAt;
  private boolean lost;
  private boolean closed;
  private final Grants<Permit> grants = new Grants<>();
  private final Set<String> inFlight = new LinkedHashSet<>();
  private final Map<String, Long> unreleased = new LinkedHashMap<>();

  private record Permit(String member, long localGrant, boolean local) {}

  private RedisRateBudget(Builder builder, RedisURI uri) {
    this.keys = KeyNames.of(builder.keyPrefix, builder.apiKey);
    this.permits = builder.permits;
    this.windowMs = builder.window.plus(builder.margin).toMillis();
    this.leaseMs = builder.lease.toMillis();
    this.fallback =
        builder.fallbackPermits > 0
            ? RateBudget.slidingWindow(builder.fallbackPermits, builder.window)
            : null;
    this.display = uri.getHost() + ":" + uri.getPort();
    this.resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        // reconnect soon after Redis is back: the engine's requests wait for it
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_AT_MOST, 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(builder.commandTimeout).build())
            .timeoutOptions(TimeoutOptions.enabled(builder.commandTimeout))
            .build());
    StatefulRedisConnection<String, String> connected = null;
    try {
      connected = client.connect();
      List<Object> answer = connected.sync().eval(Scripts.REGISTER, ScriptOutputType.MULTI, keys, epochArgs(""));
      this.epoch = (String) answer.get(1);
    } catch (RuntimeException e) {
      if (connected != null) {
        connected.close();
      }
      shutdown();
      throw new ConfigurationException(
          "Redis at " + display + " did not answer (" + e.getClass().getSimpleName() + "): start it, or give the"
              + " address of a running Redis (redis://HOST:PORT) to redisUri(..) or --redis");
    }
    this.connection = connected;
  }

  /** A builder; {@link Builder#redisUri} and {@link Builder#apiKey} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Duration tryAcquire(long nowNanos) {
    long now = System.nanoTime();
    String member;
    synchronized (this) {
      if (closed) {
        return Duration.ofMillis(windowMs);
      }
      if (ready != null) {
        Permit permit = new Permit(ready, 0, false);
        ready = null;
        grants.add(nowNanos, permit);
        return Duration.ZERO;
      }
      if (lost) {
        if (!asking && now - retryAt >= 0) {
          asking = true;
          probe();
        }
        if (fallback != null) {
          Duration wait = fallback.tryAcquire(now);
          if (wait.isZero()) {
            Permit permit = new Permit(newMember(), now, true);
            inFlight.add(permit.member());
            grants.add(nowNanos, permit);
            return Duration.ZERO;
          }
          return min(wait, PROBE);
        }
        return PROBE;
      }
      if (asking) {
        return POLL;
      }
      if (now - retryAt < 0) {
        return Duration.ofNanos(retryAt - now);
      }
      asking = true;
      member = newMember();
    }
    acquire(member);
    return POLL;
  }

  @Override
  public void release(long grantedNanos, long answeredNanos) {
    long now = System.nanoTime();
    Permit permit;
    boolean send;
    synchronized (this) {
      permit = grants.take(grantedNanos);
      if (permit == null) {
        return;
      }
      inFlight.remove(permit.member());
      if (permit.local()) {
        fallback.release(permit.localGrant(), now);
      }
      send = !lost && !closed;
      if (!send) {
        unreleased.put(permit.member(), now);
      }
    }
    if (send) {
      free(permit.member(), windowMs, now);
    }
  }

  @Override
  public void onRateLimited(Duration pause, long nowNanos) {
    long now = System.nanoTime();
    synchronized (this) {
      if (now - retryAt < pause.toNanos()) {
        retryAt = now + pause.toNanos();
      }
      if (fallback != null) {
        fallback.onRateLimited(pause, now);
      }
      if (lost || closed) {
        return;
      }
    }
    connection
        .async()
        .eval(Scripts.PAUSE, ScriptOutputType.MULTI, keys, epochArgs(seenEpoch(), String.valueOf(pause.toMillis())));
  }

  /** Closes the connection to Redis and frees its threads. Places held stay until they free. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    connection.close();
    shutdown();
  }

  @Override
  public String toString() {
    return "RedisRateBudget{redis=" + display + ", permits=" + permits + ", windowMs=" + windowMs + "}";
  }

  /** Whether Redis is out of reach now, as last seen; for tests. */
  synchronized boolean isRedisLost() {
    return lost;
  }

  private void acquire(String member) {
    long sent = System.nanoTime();
    connection
        .async()
        .eval(
            Scripts.ACQUIRE,
            ScriptOutputType.MULTI,
            keys,
            epochArgs(seenEpoch(), String.valueOf(permits), String.valueOf(leaseMs), member))
        .whenComplete(
            (answer, error) -> {
              if (error != null) {
                synchronized (this) {
                  asking = false;
                }
                redisLost();
                return;
              }
              List<?> values = (List<?>) answer;
              long code = (Long) values.get(0);
              if (code == Scripts.GRANTED) {
                granted(member);
              } else if (code == Scripts.NEW_EPOCH) {
                synchronized (this) {
                  epoch = (String) values.get(1);
                }
                probe();
              } else {
                synchronized (this) {
                  asking = false;
                  retryAt = sent + TimeUnit.MILLISECONDS.toNanos((Long) values.get(2));
                }
              }
            });
  }

  private void granted(String member) {
    synchronized (this) {
      asking = false;
      if (closed) {
        return;
      }
      ready = member;
      inFlight.add(member);
    }
    resources
        .eventExecutorGroup()
        .schedule(() -> giveBackUnclaimed(member), UNCLAIMED.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void giveBackUnclaimed(String member) {
    synchronized (this) {
      if (closed || !member.equals(ready)) {
        return;
      }
      ready = null;
      inFlight.remove(member);
    }
    free(member, 0, System.nanoTime());
  }

  /** Tells Redis when the place of {@code member} frees; kept for later if Redis is lost. */
  private void free(String member, long inMs, long answeredNanos) {
    connection
        .async()
        .eval(Scripts.REGISTER, ScriptOutputType.MULTI, keys, epochArgs(seenEpoch(), String.valueOf(leaseMs), member, String.valueOf(inMs)))
        .whenComplete(
            (answer, error) -> {
              if (error != null) {
                synchronized (this) {
                  unreleased.putIfAbsent(member, answeredNanos);
                }
                redisLost();
              }
            });
  }

  /**
   * Registers every place this process holds (in flight, answered while Redis was lost, granted by
   * the fallback), then takes the epoch and any pause Redis answers. Called with {@code asking}
   * set; clears it.
   */
  private void probe() {
    long now = System.nanoTime();
    List<String> args = new ArrayList<>();
    Map<String, Long> sentReleases;
    synchronized (this) {
      args.add(seenEpoch0());
      args.add(UUID.randomUUID().toString());
      args.add(String.valueOf(windowMs));
      args.add(String.valueOf(EPOCH_TTL_MS));
      args.add(String.valueOf(leaseMs));
      for (String member : inFlight) {
        args.add(member);
        args.add("-1");
      }
      sentReleases = new LinkedHashMap<>(unreleased);
      for (Map.Entry<String, Long> entry : sentReleases.entrySet()) {
        long left = windowMs - TimeUnit.NANOSECONDS.toMillis(now - entry.getValue());
        args.add(entry.getKey());
        args.add(String.valueOf(Math.max(0, left)));
      }
    }
    CompletableFuture<List<Object>> answer;
    try {
      answer = connection.async().<List<Object>>eval(Scripts.REGISTER, ScriptOutputType.MULTI, keys, args.toArray(String[]::new)).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete(
        (values, error) -> {
          synchronized (this) {
            asking = false;
            if (error != null) {
              lost = true;
              retryAt = System.nanoTime() + PROBE.toNanos();
              return;
            }
            sentReleases.keySet().forEach(unreleased::remove);
            lost = false;
            epoch = (String) values.get(1);
            long pauseNanos = TimeUnit.MILLISECONDS.toNanos((Long) values.get(2));
            if (now + pauseNanos - retryAt > 0) {
              retryAt = now + pauseNanos;
            }
          }
        });
  }

  private void redisLost() {
    synchronized (this) {
      if (!lost) {
        lost = true;
        retryAt = System.nanoTime() + PROBE.toNanos();
      }
    }
  }

  private String newMember() {
    return process + ":" + sequence.incrementAndGet();
  }

  private synchronized String seenEpoch() {
    return seenEpoch0();
  }

  private String seenEpoch0() {
    return epoch == null ? "" : epoch;
  }

  private String[] epochArgs(String seen, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = seen;
    args[1] = UUID.randomUUID().toString();
    args[2] = String.valueOf(windowMs);
    args[3] = String.valueOf(EPOCH_TTL_MS);
    System.arraycopy(more, 0, args, 4, more.length);
    return args;
  }

  private void shutdown() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Configures a {@link RedisRateBudget}. Not thread-safe. */
  public static final class Builder {
    private String redisUri;
    private ApiKey apiKey;
    private int permits = RUNBASE_PERMITS;
    private Duration window = RUNBASE_WINDOW;
    private final Duration margin = Duration.ofMillis(250);
    private Duration lease = Duration.ofMinutes(2);
    private Duration commandTimeout = Duration.ofSeconds(1);
    private String keyPrefix = KeyNames.DEFAULT_PREFIX;
    private int fallbackPermits;

    private Builder() {}

    /** Where Redis is: {@code redis://HOST:PORT} (or {@code rediss://} for TLS, with a password if needed). Required. */
    public Builder redisUri(String redisUri) {
      this.redisUri = Objects.requireNonNull(redisUri, "redisUri");
      return this;
    }

    /** The Runbase key whose limit this is; only its SHA-256 goes to Redis. Required. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /** The Runbase key whose limit this is, such as {@code "sk-..."}. */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      try {
        return apiKey(ApiKey.of(apiKey));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("the key passed to apiKey(..) is not a valid Runbase key: " + e.getMessage());
      }
    }

    /** The limit and its window. Default: Runbase's, 20 in any 10 s. */
    public Builder limit(int permits, Duration window) {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
      }
      Objects.requireNonNull(window, "window");
      if (window.toMillis() < 1) {
        throw new IllegalArgumentException("window must be at least 1 ms, but was " + window);
      }
      this.permits = permits;
      this.window = window;
      return this;
    }

    /**
     * How long a place is held for a request that never reports its answer (its process died).
     * Must be longer than the clients' {@code attemptTimeout}. Default: 2 minutes.
     */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.toMillis() < 1) {
        throw new IllegalArgumentException("lease must be at least 1 ms, but was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** How long one Redis command (and connecting) may take. Default: 1 s. */
    public Builder commandTimeout(Duration commandTimeout) {
      Objects.requireNonNull(commandTimeout, "commandTimeout");
      if (commandTimeout.toMillis() < 1) {
        throw new IllegalArgumentException("commandTimeout must be at least 1 ms, but was " + commandTimeout);
      }
      this.commandTimeout = commandTimeout;
      return this;
    }

    /** The start of the Redis keys; the SHA-256 of the API key follows. Default: {@value KeyNames#DEFAULT_PREFIX}. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty() || keyPrefix.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException(
            "keyPrefix must be non-empty and hold no whitespace or control characters, but was '" + keyPrefix + "'");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * While Redis is lost, let this process send up to {@code permits} per window from a budget in
     * memory instead of waiting (its share of the limit: 20 divided by the number of processes, say
     * 5 for four). Default: off, requests wait for Redis.
     */
    public Builder fallbackPermits(int permits) {
      if (permits < 1) {
        throw new IllegalArgumentException(
            "fallbackPermits must be at least 1 (this process's share of the limit, such as 5 of 20 for four"
                + " processes), but was " + permits);
      }
      this.fallbackPermits = permits;
      return this;
    }

    /**
     * Connects to Redis and checks that it answers.
     *
     * @throws ConfigurationException if the URI or key is missing or invalid, or Redis does not answer
     */
    public RedisRateBudget build() {
      if (redisUri == null) {
        throw new ConfigurationException("no Redis given: pass its address, such as redis://127.0.0.1:6379, to redisUri(..)");
      }
      if (apiKey == null) {
        throw new ConfigurationException("no API key given: pass the Runbase key whose limit this is to apiKey(..)");
      }
      if (fallbackPermits > permits) {
        throw new ConfigurationException(
            "fallbackPermits (" + fallbackPermits + ") must not exceed the limit (" + permits + "): give this"
                + " process's share of it");
      }
      if (lease.compareTo(window) < 0) {
        throw new ConfigurationException("lease (" + lease + ") must be at least the window (" + window + ")");
      }
      RedisURI uri;
      try {
        uri = RedisURI.create(redisUri);
      } catch (RuntimeException e) {
        throw new ConfigurationException(
            "the Redis address is not a valid URI: give it as redis://HOST:PORT (the value is not shown, as it may"
                + " hold a password)");
      }
      return new RedisRateBudget(this, uri);
    }
  }
}
