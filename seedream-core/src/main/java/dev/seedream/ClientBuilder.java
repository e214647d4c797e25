package dev.seedream;

import dev.seedream.internal.Blocking;
import dev.seedream.internal.Engine;
import dev.seedream.internal.Origins;
import dev.seedream.internal.SharedBudgets;
import dev.seedream.internal.Texts;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.AsyncHttpTransportProvider;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.HttpTransportProvider;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.Providers;
import dev.seedream.spi.RateBudget;
import dev.seedream.spi.TaskScheduler;
import dev.seedream.spi.TransportOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Configures a client: {@link SeedreamClient#builder()}, {@link SeedreamAsyncClient#builder()}, or
 * the reactive client's. Every setting has a default; with none set, the key comes from {@code
 * RUNBASE_API_KEY}, the base URL from {@code RUNBASE_BASE_URL} (default {@code https://runbase.net}),
 * and the transport and codec from the classpath.
 *
 * <pre>{@code
 * SeedreamClient client = SeedreamClient.builder()
 *     .apiKey(System.getenv("MY_RUNBASE_KEY"))
 *     .deadline(Duration.ofMinutes(2))
 *     .listener(new SeedreamListener() {
 *       public void statusChanged(Run run, RunStatus previous) { System.out.println(run); }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe; the clients it builds are.
 *
 * @param <C> the kind of client built
 */
public final class ClientBuilder<C> {
  /** The base URL used when neither the builder nor {@code RUNBASE_BASE_URL} names one. */
  public static final String DEFAULT_BASE_URL = "https://runbase.net";
  /** The environment variable for the base URL. */
  public static final String BASE_URL_ENV_VAR = "RUNBASE_BASE_URL";
  /** The largest image a download accepts when the builder names no bound: 256 MiB. */
  public static final long DEFAULT_MAX_IMAGE_BYTES = 256L * 1024 * 1024;

  private final Function<SeedreamAsyncClient, C> finisher;
  private final boolean preferNonBlocking;
  private Function<String, String> environment = System::getenv;
  private ApiKey apiKey;
  private URI baseUrl;
  private boolean allowInsecureHttp;
  private HttpTransport transport;
  private AsyncHttpTransport asyncTransport;
  private JsonCodec codec;
  private RateBudget rateBudget;
  private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
  private PollPolicy pollPolicy = PollPolicy.ofDefaults();
  private Duration attemptTimeout = Duration.ofSeconds(30);
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration downloadTimeout = Duration.ofMinutes(5);
  private Duration deadline = Duration.ofMinutes(10);
  private int maxConnections = 64;
  private long maxResponseBytes = 1024 * 1024;
  private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
  private TaskScheduler scheduler;
  private SeedreamListener listener = SeedreamListener.NONE;

  private ClientBuilder(Function<SeedreamAsyncClient, C> finisher, boolean preferNonBlocking) {
    this.finisher = finisher;
    this.preferNonBlocking = preferNonBlocking;
  }

  /**
   * A builder for a client of your own kind over the engine, for facade authors (the reactive
   * client is one).
   *
   * @param finisher makes the client from the engine's asynchronous face
   * @param preferNonBlocking whether a non-blocking transport is preferred when both kinds are on
   *     the classpath
   */
  public static <C> ClientBuilder<C> of(Function<SeedreamAsyncClient, C> finisher, boolean preferNonBlocking) {
    return new ClientBuilder<>(Objects.requireNonNull(finisher, "finisher"), preferNonBlocking);
  }

  /**
   * The API key, such as {@code "sk-..."}. Default: the environment variable {@code RUNBASE_API_KEY}.
   *
   * @throws ConfigurationException if it is not a Runbase key (the message never shows it)
   */
  public ClientBuilder<C> apiKey(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    try {
      return apiKey(ApiKey.of(apiKey));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the key passed to apiKey(..) is not a valid Runbase key: " + e.getMessage());
    }
  }

  public ClientBuilder<C> apiKey(ApiKey apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    return this;
  }

  /**
   * The API's base URL; the SDK appends {@code /api/v1/runs}. A path prefix is kept: with {@code
   * https://gateway.example.com/proxy} (a proxy under {@code /proxy}) a create is {@code POST
   * https://gateway.example.com/proxy/api/v1/runs}; a trailing {@code /} makes no difference. The
   * same holds for {@code RUNBASE_BASE_URL}. Default: {@code RUNBASE_BASE_URL}, or {@code
   * https://runbase.net}.
   *
   * @throws IllegalArgumentException if it is not an absolute {@code http(s)} URL with a host, or
   *     has a query or fragment
   */
  public ClientBuilder<C> baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    try {
      return baseUrl(new URI(baseUrl.trim()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl is not a valid URL: '" + baseUrl + "' (" + e.getReason() + ")", e);
    }
  }

  /** The API's base URL, as {@link #baseUrl(String)}: a path prefix is kept. */
  public ClientBuilder<C> baseUrl(URI baseUrl) {
    this.baseUrl = checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
    return this;
  }

  /**
   * Allows a base URL with {@code http://} to a host that is not loopback. Off by default: plain
   * HTTP would send the API key unencrypted over the network.
   */
  public ClientBuilder<C> allowInsecureHttp(boolean allow) {
    this.allowInsecureHttp = allow;
    return this;
  }

  /** A blocking transport to use instead of the one on the classpath. The client does not close it. */
  public ClientBuilder<C> transport(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.asyncTransport = null;
    return this;
  }

  /** A non-blocking transport to use instead of the one on the classpath. The client does not close it. */
  public ClientBuilder<C> transport(AsyncHttpTransport transport) {
    this.asyncTransport = Objects.requireNonNull(transport, "transport");
    this.transport = null;
    return this;
  }

  /** The JSON codec. Default: the one on the classpath ({@code seedream-codec-gson}). */
  public ClientBuilder<C> codec(JsonCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return this;
  }

  /**
   * The rate budget all requests of the client pass. Default: Runbase's limit, 20 requests in any 10
   * s, held in memory and shared by every client of this JVM built on the same key and base URL
   * without a budget of its own (until the last of them is closed); {@link RateBudget#unlimited()}
   * turns it off. Processes that share a key share a budget through {@code seedream-ratelimit-redis}.
   * A client on a virtual-time scheduler (see {@link TaskScheduler#isRealTime()}) keeps its own.
   */
  public ClientBuilder<C> rateBudget(RateBudget rateBudget) {
    this.rateBudget = Objects.requireNonNull(rateBudget, "rateBudget");
    return this;
  }

  /** Default: {@link RetryPolicy#ofDefaults()}. */
  public ClientBuilder<C> retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return this;
  }

  /** Default: {@link PollPolicy#ofDefaults()}. */
  public ClientBuilder<C> pollPolicy(PollPolicy pollPolicy) {
    this.pollPolicy = Objects.requireNonNull(pollPolicy, "pollPolicy");
    return this;
  }

  /** How long one attempt of an API request may take, answer included. Default: 30 s. */
  public ClientBuilder<C> attemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = RetryPolicy.positive(attemptTimeout, "attemptTimeout");
    return this;
  }

  /** How long one attempt to download one image may take. Default: 5 minutes. */
  public ClientBuilder<C> downloadTimeout(Duration downloadTimeout) {
    this.downloadTimeout = RetryPolicy.positive(downloadTimeout, "downloadTimeout");
    return this;
  }

  /** How long to wait for a connection, for a transport found on the classpath. Default: 10 s. */
  public ClientBuilder<C> connectTimeout(Duration connectTimeout) {
    this.connectTimeout = RetryPolicy.positive(connectTimeout, "connectTimeout");
    return this;
  }

  /** How long a wait for a run may take when the call names no deadline. Default: 10 minutes. */
  public ClientBuilder<C> deadline(Duration deadline) {
    this.deadline = RetryPolicy.positive(deadline, "deadline");
    return this;
  }

  /**
   * The most API requests in flight at once (more wait in the client's queue, in order), and the
   * most connections of a transport found on the classpath. Default: 64.
   */
  public ClientBuilder<C> maxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, but was " + maxConnections);
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /**
   * The most bytes kept of an answer. Default: 1 MiB. Answers are read as they stream: of a run,
   * only its own fields are kept (the echoed {@code input}, which holds {@code data:} images, is
   * dropped unheld), and a run whose own fields take more is a {@link MalformedResponseException};
   * an error answer is cut to this many bytes, and still maps to its status. The Gson codec reads a
   * whole answer up to 256 MiB, whatever this bound.
   */
  public ClientBuilder<C> maxResponseBytes(long maxResponseBytes) {
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024, but was " + maxResponseBytes);
    }
    this.maxResponseBytes = maxResponseBytes;
    return this;
  }

  /**
   * The largest image a download accepts, in bytes. An image whose {@code Content-Length} declares
   * more is refused before its body is read; one whose body goes past it (with a wrong or without
   * a {@code Content-Length}) is stopped there. Either way the download fails with a {@link
   * DownloadException}, is not retried, and leaves no file. Default: 256 MiB ({@value
   * #DEFAULT_MAX_IMAGE_BYTES}); Seedream's 4K images are far smaller.
   *
   * @since 0.1.0
   */
  public ClientBuilder<C> maxImageBytes(long maxImageBytes) {
    if (maxImageBytes < 1) {
      throw new IllegalArgumentException(
          "maxImageBytes must be at least 1 byte, but was " + maxImageBytes + ": give the largest image to accept,"
              + " such as 268435456 for 256 MiB");
    }
    this.maxImageBytes = maxImageBytes;
    return this;
  }

  /** The clock and timer of the engine; tests pass a virtual one. Default: the system's. */
  public ClientBuilder<C> scheduler(TaskScheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /** Told of submissions, status changes, retries and waits for the budget. */
  public ClientBuilder<C> listener(SeedreamListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Where the key and base URL are read from when not set; for tests. Default: {@link System#getenv}. */
  ClientBuilder<C> environment(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /**
   * The client.
   *
   * @throws ConfigurationException if no key is set or found, or the transport or codec is missing
   *     or ambiguous; the message says what to do
   */
  public C build() {
    ApiKey key = apiKey != null ? apiKey : keyFromEnvironment();
    URI base = baseUrl != null ? baseUrl : baseUrlFromEnvironment();
    if (!allowInsecureHttp && "http".equalsIgnoreCase(base.getScheme()) && !Origins.isLoopback(base)) {
      throw new ConfigurationException(
          "base URL " + Texts.redact(base.toString(), key.secret(), key.redacted()) + " uses plain http:// to a host that is not loopback, which would send the API key"
              + " unencrypted: use https://, or call allowInsecureHttp(true) if the network is trusted");
    }
    ClassLoader loader = ClientBuilder.class.getClassLoader();
    JsonCodec jsonCodec = codec != null ? codec : Providers.codec(loader);
    boolean ownsScheduler = scheduler == null;
    TaskScheduler taskScheduler = ownsScheduler ? TaskScheduler.system() : scheduler;
    RateBudget budget =
        rateBudget != null
            ? rateBudget
            : taskScheduler.isRealTime() ? SharedBudgets.jvm().lease(key, base) : RateBudget.runbaseDefault();
    ExecutorService executor = Blocking.boundedExecutor("seedream-io", maxConnections);
    Engine.Settings settings =
        new Engine.Settings(
            key,
            base,
            jsonCodec,
            taskScheduler,
            ownsScheduler,
            budget,
            retryPolicy,
            pollPolicy,
            attemptTimeout,
            downloadTimeout,
            deadline,
            maxResponseBytes,
            maxConnections,
            listener,
            executor,
            maxImageBytes);
    try {
      return finisher.apply(new SeedreamAsyncClient(engine(settings, loader)));
    } catch (RuntimeException e) {
      executor.shutdownNow();
      if (budget instanceof SharedBudgets.Lease lease) {
        lease.close();
      }
      if (ownsScheduler) {
        taskScheduler.close();
      }
      throw e;
    }
  }

  /**
   * What the builder holds so far: base URL, transport and the key redacted, each with where it
   * will come from when not set ({@code ClientBuilder{baseUrl=RUNBASE_BASE_URL or
   * https://runbase.net, transport=found on the classpath, key=sk-...4f60}}).
   */
  @Override
  public String toString() {
    String base = baseUrl != null ? baseUrl.toString() : BASE_URL_ENV_VAR + " or " + DEFAULT_BASE_URL;
    String transportName = transport != null ? transport.getClass().getSimpleName() + " (blocking)"
        : asyncTransport != null ? asyncTransport.getClass().getSimpleName() + " (non-blocking)"
        : "found on the classpath";
    String key = apiKey != null ? apiKey.redacted() : ApiKey.ENV_VAR;
    if (apiKey != null) {
      base = Texts.redact(base, apiKey.secret(), apiKey.redacted());
    }
    return "ClientBuilder{baseUrl=" + base + ", transport=" + transportName + ", key=" + key + "}";
  }

  private Engine engine(Engine.Settings settings, ClassLoader loader) {
    if (transport != null) {
      return Engine.blocking(settings, transport, false);
    }
    if (asyncTransport != null) {
      return Engine.nonBlocking(settings, asyncTransport, false);
    }
    TransportOptions options = new TransportOptions(connectTimeout, maxConnections);
    HttpTransportProvider blocking = Providers.blockingTransport(loader);
    AsyncHttpTransportProvider nonBlocking = Providers.asyncTransport(loader);
    if (nonBlocking != null && (preferNonBlocking || blocking == null)) {
      return Engine.nonBlocking(settings, nonBlocking.create(options), true);
    }
    if (blocking != null) {
      return Engine.blocking(settings, blocking.create(options), true);
    }
    throw Providers.noTransport();
  }

  private ApiKey keyFromEnvironment() {
    String value = environment.apply(ApiKey.ENV_VAR);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          ApiKey.ENV_VAR + " is not set: export it with your Runbase key (it starts with 'sk-'), or pass apiKey(..) to the builder");
    }
    try {
      return ApiKey.of(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(ApiKey.ENV_VAR + " is not a valid key: " + e.getMessage());
    }
  }

  private URI baseUrlFromEnvironment() {
    String value = environment.apply(BASE_URL_ENV_VAR);
    if (value == null || value.isBlank()) {
      return URI.create(DEFAULT_BASE_URL);
    }
    try {
      return checkBaseUrl(new URI(value.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigurationException(
          BASE_URL_ENV_VAR + " is not a valid base URL ('" + value + "'): set it to something like https://runbase.net, or unset it");
    }
  }

  private static URI checkBaseUrl(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("baseUrl must start with https:// (or http:// for a local server), but was '" + uri + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("baseUrl must name a host, but was '" + uri + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment, but was '" + uri + "'");
    }
    return uri;
  }
}
