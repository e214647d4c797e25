package dev.seedream.spring.boot;

import dev.seedream.ClientBuilder;

/**
 * Changes the builder of every client the auto-configuration makes, after the properties were
 * applied: a bean of this type is called for each, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * SeedreamClientBuilderCustomizer longerDeadline() {
 *   return builder -> builder.deadline(Duration.ofMinutes(20));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SeedreamClientBuilderCustomizer {
  /** Changes {@code builder}. */
  void customize(ClientBuilder<?> builder);
}
