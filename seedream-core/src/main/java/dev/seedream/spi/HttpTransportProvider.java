package dev.seedream.spi;

/**
 * Makes a blocking transport; registered in {@code META-INF/services/dev.seedream.spi.HttpTransportProvider}
 * so that clients find it on the classpath.
 */
public interface HttpTransportProvider {
  /** A short name for messages: {@code "apache"}. */
  String name();

  HttpTransport create(TransportOptions options);
}
