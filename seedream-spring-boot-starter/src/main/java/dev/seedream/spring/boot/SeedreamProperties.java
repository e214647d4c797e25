package dev.seedream.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the Seedream clients, under {@code seedream.*}. Each unset value keeps the client
 * builder's default (see docs/configuration.md). {@code toString()} never shows the key.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("seedream")
public class SeedreamProperties {
  /** Whether the Seedream clients are configured. */
  private boolean enabled = true;
  /** The Runbase API key ("sk-..."); when unset, the environment variable RUNBASE_API_KEY. */
  private String apiKey;
  /** The base URL of the Runbase API; when unset, RUNBASE_BASE_URL, else https://runbase.net. */
  private String baseUrl;
  /** Whether a plain http:// base URL on a host other than loopback is accepted. */
  private boolean allowInsecureHttp;
  /** The time to open a connection. */
  private Duration connectTimeout;
  /** The time one attempt of an API request may take. */
  private Duration attemptTimeout;
  /** The time the download of one image may take. */
  private Duration downloadTimeout;
  /** The deadline of a call (a generate: the create, the waits and the polls). */
  private Duration deadline;
  /** The most connections the transport keeps open. */
  private Integer maxConnections;
  /** The largest API answer kept, in bytes. */
  private Long maxResponseBytes;
  /** The largest image a download accepts, in bytes. */
  private Long maxImageBytes;
  private final RateBudget rateBudget = new RateBudget();
  private final Retry retry = new Retry();
  private final Poll poll = new Poll();
  private final Health health = new Health();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getAttemptTimeout() {
    return attemptTimeout;
  }

  public void setAttemptTimeout(Duration attemptTimeout) {
    this.attemptTimeout = attemptTimeout;
  }

  public Duration getDownloadTimeout() {
    return downloadTimeout;
  }

  public void setDownloadTimeout(Duration downloadTimeout) {
    this.downloadTimeout = downloadTimeout;
  }

  public Duration getDeadline() {
    return deadline;
  }

  public void setDeadline(Duration deadline) {
    this.deadline = deadline;
  }

  public Integer getMaxConnections() {
    return maxConnections;
  }

  public void setMaxConnections(Integer maxConnections) {
    this.maxConnections = maxConnections;
  }

  public Long getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(Long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public Long getMaxImageBytes() {
    return maxImageBytes;
  }

  public void setMaxImageBytes(Long maxImageBytes) {
    this.maxImageBytes = maxImageBytes;
  }

  public RateBudget getRateBudget() {
    return rateBudget;
  }

  public Retry getRetry() {
    return retry;
  }

  public Poll getPoll() {
    return poll;
  }

  public Health getHealth() {
    return health;
  }

  @Override
  public String toString() {
    return "SeedreamProperties{enabled=" + enabled + ", apiKey=" + (apiKey == null ? "unset" : "(set, not shown)")
        + ", baseUrl=" + baseUrl + "}";
  }

  /** The rate budget of the key ({@code seedream.rate-budget.*}). */
  public static class RateBudget {
    /** Whether requests pass a rate budget; off only when something else limits them. */
    private boolean enabled = true;
    /** Requests per window; when unset with the window, Runbase's documented 20 per 10 s. */
    private Integer permits;
    /** The window of the budget. */
    private Duration window;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getPermits() {
      return permits;
    }

    public void setPermits(Integer permits) {
      this.permits = permits;
    }

    public Duration getWindow() {
      return window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }
  }

  /** The retry policy ({@code seedream.retry.*}). */
  public static class Retry {
    /** The most attempts of a request, the first included. */
    private Integer maxAttempts;
    /** The first backoff. */
    private Duration initialBackoff;
    /** The longest backoff. */
    private Duration maxBackoff;

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** The health indicator ({@code seedream.health.*}). */
  public static class Health {
    /** Whether the Actuator health indicator is on; each check costs one request of the key's rate budget. */
    private boolean enabled;
    /** The longest wait of one check. */
    private Duration timeout = Duration.ofSeconds(10);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The poll policy ({@code seedream.poll.*}). */
  public static class Poll {
    /** The wait before the first poll of a run. */
    private Duration initialDelay;
    /** The wait between polls. */
    private Duration interval;
    /** The longest wait between polls. */
    private Duration maxInterval;

    public Duration getInitialDelay() {
      return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }
  }
}
