package dev.seedream.spring.boot;

import dev.seedream.ClientBuilder;
import dev.seedream.PollPolicy;
import dev.seedream.RetryPolicy;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.RateBudget;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/** Applies the properties, the observations and the customizers to a client builder. */
final class ClientSettings {
  /** The environment variable of the key, read through Spring's environment. */
  static final String API_KEY_ENV_VAR = "RUNBASE_API_KEY";

  private final SeedreamProperties properties;
  private final Environment environment;
  private final ObjectProvider<SeedreamClientBuilderCustomizer> customizers;
  private final ConfigurableListableBeanFactory beans;

  ClientSettings(SeedreamProperties properties, Environment environment,
      ObjectProvider<SeedreamClientBuilderCustomizer> customizers, ConfigurableListableBeanFactory beans) {
    this.properties = properties;
    this.environment = environment;
    this.customizers = customizers;
    this.beans = beans;
  }

  /**
   * {@code builder} with the properties, the observations of {@code transport} and the customizers.
   *
   * @throws MissingApiKeyException if neither {@code seedream.api-key} nor {@code RUNBASE_API_KEY} is set
   */
  <C> ClientBuilder<C> apply(ClientBuilder<C> builder, String transport) {
    String key = properties.getApiKey();
    if (key == null || key.isBlank()) {
      key = environment.getProperty(API_KEY_ENV_VAR);
    }
    if (key == null || key.isBlank()) {
      throw new MissingApiKeyException();
    }
    builder.apiKey(key.strip());
    String baseUrl = properties.getBaseUrl() != null ? properties.getBaseUrl()
        : environment.getProperty(ClientBuilder.BASE_URL_ENV_VAR);
    if (baseUrl != null && !baseUrl.isBlank()) {
      builder.baseUrl(baseUrl.strip());
    }
    builder.allowInsecureHttp(properties.isAllowInsecureHttp());
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    if (properties.getAttemptTimeout() != null) {
      builder.attemptTimeout(properties.getAttemptTimeout());
    }
    if (properties.getDownloadTimeout() != null) {
      builder.downloadTimeout(properties.getDownloadTimeout());
    }
    if (properties.getDeadline() != null) {
      builder.deadline(properties.getDeadline());
    }
    if (properties.getMaxConnections() != null) {
      builder.maxConnections(properties.getMaxConnections());
    }
    if (properties.getMaxResponseBytes() != null) {
      builder.maxResponseBytes(properties.getMaxResponseBytes());
    }
    if (properties.getMaxImageBytes() != null) {
      builder.maxImageBytes(properties.getMaxImageBytes());
    }
    rateBudget().ifPresent(builder::rateBudget);
    builder.retryPolicy(retryPolicy());
    builder.pollPolicy(pollPolicy());
    SeedreamListener listener = observations(transport);
    if (listener != null) {
      builder.listener(listener);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  SeedreamProperties properties() {
    return properties;
  }

  ConfigurableListableBeanFactory beans() {
    return beans;
  }

  private java.util.Optional<RateBudget> rateBudget() {
    SeedreamProperties.RateBudget budget = properties.getRateBudget();
    if (!budget.isEnabled()) {
      return java.util.Optional.of(RateBudget.unlimited());
    }
    if (budget.getPermits() == null && budget.getWindow() == null) {
      return java.util.Optional.empty();                  // the builder's default: shared per key
    }
    if (budget.getPermits() == null || budget.getWindow() == null) {
      throw new IllegalArgumentException("seedream.rate-budget.permits and seedream.rate-budget.window go together: "
          + "set both (such as 20 and 10s), or neither for Runbase's limit");
    }
    return java.util.Optional.of(RateBudget.slidingWindow(budget.getPermits(), budget.getWindow()));
  }

  private RetryPolicy retryPolicy() {
    SeedreamProperties.Retry retry = properties.getRetry();
    RetryPolicy.Builder builder = RetryPolicy.ofDefaults().toBuilder();
    if (retry.getMaxAttempts() != null) {
      builder.maxAttempts(retry.getMaxAttempts());
    }
    if (retry.getInitialBackoff() != null) {
      builder.initialBackoff(retry.getInitialBackoff());
    }
    if (retry.getMaxBackoff() != null) {
      builder.maxBackoff(retry.getMaxBackoff());
    }
    return builder.build();
  }

  private PollPolicy pollPolicy() {
    SeedreamProperties.Poll poll = properties.getPoll();
    PollPolicy.Builder builder = PollPolicy.ofDefaults().toBuilder();
    if (poll.getInitialDelay() != null) {
      builder.initialDelay(poll.getInitialDelay());
    }
    if (poll.getInterval() != null) {
      builder.interval(poll.getInterval());
    }
    if (poll.getMaxInterval() != null) {
      builder.maxInterval(poll.getMaxInterval());
    }
    return builder.build();
  }

  /** The observations of a client on {@code transport}, when Micrometer and an ObservationRegistry bean are there. */
  private SeedreamListener observations(String transport) {
    ClassLoader loader = getClass().getClassLoader();
    if (!ClassUtils.isPresent("dev.seedream.micrometer.SeedreamObservations", loader)
        || !ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry", loader)) {
      return null;
    }
    return Observability.listener(beans, transport);
  }
}
