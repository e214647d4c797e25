package dev.seedream.examples;

import dev.seedream.ApiKey;
import dev.seedream.SeedreamClient;

/** The security guide: the key's redacted form, and plain HTTP to a trusted host. */
public final class SecurityExamples {
  private SecurityExamples() {}

  /** What an {@link ApiKey} shows of itself. */
  public static String redacted(String secret) {
    // tag::api-key[]
    ApiKey key = ApiKey.of(secret);              // IllegalArgumentException if it is not an sk- key
    System.out.println(key);                     // ApiKey[sk-...] and at most the last four characters
    // end::api-key[]
    return key.toString();
  }

  /** A client over plain HTTP to a host that is not loopback, which must be allowed explicitly. */
  public static SeedreamClient insecureClient(String baseUrl, String apiKey) {
    // tag::allow-insecure-http[]
    SeedreamClient client = SeedreamClient.builder()
        .apiKey(apiKey)
        .baseUrl(baseUrl)                        // http://runbase-proxy.internal:8080, say
        .allowInsecureHttp(true)                 // without it, build() throws ConfigurationException
        .build();
    // end::allow-insecure-http[]
    return client;
  }
}
