package dev.seedream.testkit;

import dev.seedream.testkit.internal.FakeEngine;
import dev.seedream.testkit.internal.FakeServers;
import dev.seedream.testkit.internal.Settings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stateful fake of the Runbase API for {@code bytedance/seedream-4.5}, on WireMock, for tests
 * without the network and without spending money.
 *
 * <p>It serves {@code POST /api/v1/runs} and {@code GET /api/v1/runs/{id}} as Runbase documents
 * them, code for code: bearer keys (401), the body checks in the documented order with the input
 * validated by {@code dev.seedream.validation.RequestValidator} (400), IP rules and spend limits
 * (403), balance and the $0.05 cost of a run (402, refunded when a run fails), the rate limit of 20
 * requests per 10 s per key and usage quotas (429), unknown or foreign runs (404). A successful
 * create answers {@code 200} with the run, {@code "status": "pending"}. Each run moves {@code pending
 * -> processing -> succeeded | failed} as its {@link Progression} says, and a succeeded run's {@code
 * output.urls} serve real PNG images of its aspect ratio from a second origin, {@link
 * #imageBaseUrl()}. Failures can be injected ({@link #injectNext}, {@link #injectAfter}); every request is journaled
 * ({@link #journal()}). {@link #outage()} closes the API port while keeping the state, and {@link
 * #restore()} opens it again. Ids, keys and images follow from the seed.
 *
 * <pre>{@code
 * try (FakeRunbase fake = FakeRunbase.builder().seed(7).start()) {
 *   HttpRequest create = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/api/v1/runs"))
 *       .header("Authorization", "Bearer " + fake.apiKey())
 *       .header("Content-Type", "application/json")
 *       .POST(BodyPublishers.ofString("{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"a lamp\"}}"))
 *       .build();
 *   ...
 *   fake.journal().assertRunsCreated(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops both servers and leaves no threads behind.
 */
public final class FakeRunbase implements AutoCloseable {
  /** The seed used when none is given: ids and images are the same on every run of a test. */
  public static final long DEFAULT_SEED = 42L;

  private final FakeEngine engine;
  private volatile FakeServers servers;
  private volatile boolean closed;

  private FakeRunbase(Settings settings) {
    this.engine = new FakeEngine(settings);
  }

  /** A builder with the defaults: one generated key, plenty of balance, the documented rate limit. */
  public static Builder builder() {
    return new Builder();
  }

  /** A fake with the defaults, started. */
  public static FakeRunbase startDefault() {
    return builder().start();
  }

  /**
   * Starts both servers; returns this fake. Blocks until they answered a warm-up request.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized FakeRunbase start() {
    if (closed) {
      throw new IllegalStateException("this fake is closed: build a new one with FakeRunbase.builder()");
    }
    if (servers != null) {
      throw new IllegalStateException("this fake is already started at " + servers.baseUrl());
    }
    servers = FakeServers.start(engine);
    return this;
  }

  /** {@code http://127.0.0.1:PORT}, the base URL to give a client in place of {@code https://runbase.net}. */
  public String baseUrl() {
    return running().baseUrl();
  }

  /** {@code http://127.0.0.1:PORT} of the image origin that {@code output.urls} point to. */
  public String imageBaseUrl() {
    return running().imageBaseUrl();
  }

  /** The first accepted key ({@code sk-test-...} unless configured). */
  public String apiKey() {
    return engine.settings().apiKeys().get(0);
  }

  /** Every accepted key. */
  public List<String> apiKeys() {
    return engine.settings().apiKeys();
  }

  /** The seed that ids, keys, failures and images follow from. */
  public long seed() {
    return engine.settings().seed();
  }

  /** How this fake's runs advance. */
  public Progression progression() {
    return engine.settings().progression();
  }

  /** A snapshot of the journal, oldest request first. */
  public RequestJournal journal() {
    return RequestJournal.of(engine.journalSnapshot());
  }

  /** The run with this id, as it stands; reading it here counts no poll. */
  public Optional<FakeRun> run(String id) {
    Objects.requireNonNull(id, "id");
    return engine.run(id);
  }

  /** Every run, in the order they were created. */
  public List<FakeRun> runs() {
    return engine.runs();
  }

  /** The account's balance in dollars, after charges and refunds. */
  public BigDecimal balance() {
    return BigDecimal.valueOf(engine.balanceCents(), 2);
  }

  /**
   * Answers the next {@code times} requests to the endpoint with the failure instead of the
   * normal answer. Rules for the next requests are used up in the order they were added.
   */
  public void injectNext(Endpoint endpoint, int times, Failure failure) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(failure, "failure");
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1, but was " + times);
    }
    engine.injectNext(endpoint, times, failure);
  }

  /**
   * Lets the next {@code skip} requests to the endpoint pass, then answers the {@code times} after
   * them with the failure, so that a test can make the 5th create fail without racing the client:
   *
   * <pre>{@code
   * fake.injectAfter(Endpoint.CREATE, 4, 1, Failure.serverError(503));   // the 5th create gets the 503
   * }</pre>
   *
   * <p>The requests skipped are counted from now, whatever answers them (another injected failure
   * too); once it applies, the rule takes its turn with the others in the order they were added.
   */
  public void injectAfter(Endpoint endpoint, int skip, int times, Failure failure) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(failure, "failure");
    if (skip < 0) {
      throw new IllegalArgumentException("skip must be >= 0, but was " + skip);
    }
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1, but was " + times);
    }
    engine.injectAfter(endpoint, skip, times, failure);
  }

  /** Answers each request to the endpoint with the failure with the given probability (drawn from the seed). */
  public void injectWithProbability(Endpoint endpoint, double probability, Failure failure) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(failure, "failure");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be between 0 and 1, but was " + probability);
    }
    engine.injectWithProbability(endpoint, probability, failure);
  }

  /** Removes every injected failure that has not been used up. */
  public void clearInjections() {
    engine.clearInjections();
  }

  /** Requests that matched no endpoint of the fake (answered with WireMock's 404), as method and URL. */
  public List<String> unmatchedRequests() {
    return running().unmatchedRequests();
  }

  /** Passes when every request reached a known endpoint; otherwise lists the ones that did not. */
  public void assertNoUnmatchedRequests() {
    List<String> unmatched = unmatchedRequests();
    if (!unmatched.isEmpty()) {
      throw new AssertionError(
          "the fake Runbase serves POST /api/v1/runs, GET /api/v1/runs/{id} and GET /images/..., but got: " + unmatched);
    }
  }

  /**
   * Closes the API port, as when the server died: new connections are refused and open ones are
   * closed (a request in flight gets up to 2 s to finish first), while every run, charge, injection
   * and journal entry is kept and the image origin stays up. {@link #restore()} opens the port again.
   * Does nothing during an outage. Blocks until the port is closed.
   *
   * <pre>{@code
   * fake.outage();                       // the client's polls now meet "connection refused"
   * fake.restore();                      // same port: the client carries on with the same run
   * }</pre>
   *
   * @throws IllegalStateException if the fake is not started or closed
   */
  public void outage() {
    running().outage();
  }

  /**
   * Opens the API port again after {@link #outage()}, on the same port (a dynamic one too), with
   * every run as it was. Does nothing unless in an outage. Blocks until the API answers.
   *
   * @throws IllegalStateException if the fake is not started or closed, or if another process took
   *     the port during the outage (a fixed {@code port(..)} outside the ephemeral range makes that unlikely)
   */
  public void restore() {
    running().restore();
  }

  /** Whether the API port is closed by {@link #outage()}. */
  public boolean isInOutage() {
    FakeServers current = servers;
    return current != null && !closed && current.isDown();
  }

  /**
   * Forgets every run, charge, rate-limit count, injection and journal entry, and ends an outage;
   * the ports stay.
   */
  public void reset() {
    engine.reset();
    FakeServers current = servers;
    if (current != null && !closed) {
      current.restore();
      current.resetRequests();
    }
  }

  /** Whether the fake is started and not closed (during an outage too: see {@link #isInOutage()}). */
  public boolean isRunning() {
    FakeServers current = servers;
    return current != null && !closed && current.isRunning();
  }

  /** Stops both servers. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (servers != null) {
      servers.close();
    }
  }

  @Override
  public String toString() {
    FakeServers current = servers;
    return "FakeRunbase[" + (current == null ? "not started" : closed ? "closed" : current.baseUrl()) + ", seed " + seed() + "]";
  }

  private FakeServers running() {
    FakeServers current = servers;
    if (current == null || closed) {
      throw new IllegalStateException(closed ? "this fake is closed" : "this fake is not started: call start() first");
    }
    return current;
  }

  /** Configures a {@link FakeRunbase}; every setting has a default. Not thread-safe. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private final Set<String> apiKeys = new LinkedHashSet<>();
    private Progression progression = Progression.ofDefaults();
    private double failureProbability;
    private final List<String> failWhenPromptContains = new ArrayList<>();
    private long balanceCents = 100_000_00L;
    private long spendLimitCents = Settings.UNLIMITED;
    private long runQuota = Settings.UNLIMITED;
    private final Set<String> allowedIps = new LinkedHashSet<>();
    private int rateLimitRequests = 20;
    private Duration rateLimitWindow = Duration.ofSeconds(10);
    private int imagesPerRun = 1;
    private int imageScale = 32;
    private int journalSize = 10_000;
    private Clock clock = Clock.systemUTC();
    private int port;
    private int imagePort;

    private Builder() {}

    /** The seed for ids, the default key, failures, durations and images (default {@value FakeRunbase#DEFAULT_SEED}). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Accepts these keys (instead of one generated {@code sk-test-...} key); each must start with {@code sk-}. */
    public Builder apiKeys(String... keys) {
      Objects.requireNonNull(keys, "keys");
      for (String key : keys) {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith("sk-") || key.length() < 4 || key.chars().anyMatch(c -> c <= ' ')) {
          throw new IllegalArgumentException(
              "an API key must start with 'sk-' and hold no whitespace, as Runbase keys do (the value is not shown)");
        }
        apiKeys.add(key);
      }
      return this;
    }

    /** How runs advance (default: {@link Progression#ofDefaults()}). */
    public Builder progression(Progression progression) {
      this.progression = Objects.requireNonNull(progression, "progression");
      return this;
    }

    /** The chance that a run ends {@code failed} (default 0), drawn per run from the seed. */
    public Builder failureProbability(double probability) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be between 0 and 1, but was " + probability);
      }
      this.failureProbability = probability;
      return this;
    }

    /** Runs whose prompt contains this text (ignoring case) end {@code failed}. */
    public Builder failWhenPromptContains(String text) {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("text must not be empty: every prompt contains it");
      }
      failWhenPromptContains.add(text);
      return this;
    }

    /** The account's balance in dollars (default 100,000.00); a run costs 0.05. */
    public Builder balance(BigDecimal dollars) {
      this.balanceCents = cents(dollars, "balance");
      return this;
    }

    /** Each key may spend at most this many dollars (403 {@code api_key_spend_limit_exceeded} beyond). */
    public Builder spendLimitPerKey(BigDecimal dollars) {
      this.spendLimitCents = cents(dollars, "spend limit");
      return this;
    }

    /** Each key may create at most this many runs (429 {@code USAGE_EXCEEDED} beyond). */
    public Builder runQuotaPerKey(long runs) {
      if (runs < 0) {
        throw new IllegalArgumentException("runs must be >= 0, but was " + runs);
      }
      this.runQuota = runs;
      return this;
    }

    /** Only requests from these addresses are allowed (403 {@code ip_not_allowed} for others); tests come from 127.0.0.1. */
    public Builder allowedIps(String... addresses) {
      Objects.requireNonNull(addresses, "addresses");
      allowedIps.addAll(Arrays.asList(addresses));
      return this;
    }

    /** At most {@code requests} per key in any {@code window} (default: the documented 20 per 10 s). */
    public Builder rateLimit(int requests, Duration window) {
      Objects.requireNonNull(window, "window");
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be >= 1, but was " + requests + ": use noRateLimit() to turn it off");
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, but was " + window);
      }
      this.rateLimitRequests = requests;
      this.rateLimitWindow = window;
      return this;
    }

    /** Turns the rate limit off. */
    public Builder noRateLimit() {
      this.rateLimitRequests = 0;
      return this;
    }

    /** Images per succeeded run (default 1). */
    public Builder imagesPerRun(int images) {
      if (images < 1 || images > 16) {
        throw new IllegalArgumentException("images must be between 1 and 16, but was " + images);
      }
      this.imagesPerRun = images;
      return this;
    }

    /** Serves images this many times smaller than the real sizes (default 32: 2048x2048 becomes 64x64). */
    public Builder imageScale(int divisor) {
      if (divisor < 1) {
        throw new IllegalArgumentException("divisor must be >= 1, but was " + divisor);
      }
      this.imageScale = divisor;
      return this;
    }

    /** Serves images at the real 2K/4K sizes (slow and large: for download tests only). */
    public Builder fullSizeImages() {
      return imageScale(1);
    }

    /** How many requests the journal keeps (default 10,000). */
    public Builder journalSize(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("entries must be >= 1, but was " + entries);
      }
      this.journalSize = entries;
      return this;
    }

    /** The clock for timestamps, time-based progressions and the rate-limit window (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A fixed port for the API (default 0: a free one). */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** A fixed port for the image origin (default 0: a free one). */
    public Builder imagePort(int port) {
      this.imagePort = checkPort(port);
      return this;
    }

    /** The fake, not yet started. */
    public FakeRunbase build() {
      List<String> keys = apiKeys.isEmpty() ? List.of(FakeEngine.defaultApiKey(seed)) : List.copyOf(apiKeys);
      return new FakeRunbase(new Settings(
          seed, keys, progression, failureProbability, failWhenPromptContains, balanceCents, spendLimitCents, runQuota,
          allowedIps, rateLimitRequests, rateLimitWindow, imagesPerRun, imageScale, journalSize, clock, port, imagePort));
    }

    /** The fake, started. */
    public FakeRunbase start() {
      return build().start();
    }

    private static long cents(BigDecimal dollars, String name) {
      Objects.requireNonNull(dollars, name);
      if (dollars.signum() < 0) {
        throw new IllegalArgumentException(name + " must not be negative, but was " + dollars.toPlainString());
      }
      return dollars.movePointRight(2).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
      }
      return port;
    }
  }
}
