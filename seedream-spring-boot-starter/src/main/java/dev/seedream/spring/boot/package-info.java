/**
 * Spring Boot auto-configuration of the Seedream clients: {@link
 * dev.seedream.spring.boot.SeedreamAutoConfiguration}, its properties ({@code seedream.*}, {@link
 * dev.seedream.spring.boot.SeedreamProperties}) and {@link
 * dev.seedream.spring.boot.SeedreamClientBuilderCustomizer}. Nothing here is null unless marked.
 */
package dev.seedream.spring.boot;
