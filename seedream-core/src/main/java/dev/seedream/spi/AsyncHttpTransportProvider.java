package dev.seedream.spi;

/**
 * Makes a non-blocking transport; registered in {@code
 * META-INF/services/dev.seedream.spi.AsyncHttpTransportProvider}.
 */
public interface AsyncHttpTransportProvider {
  /** A short name for messages: {@code "reactor"}. */
  String name();

  AsyncHttpTransport create(TransportOptions options);
}
