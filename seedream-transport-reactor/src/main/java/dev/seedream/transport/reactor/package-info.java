/**
 * The non-blocking HTTP transport of seedream-java on Reactor Netty: {@link
 * dev.seedream.transport.reactor.ReactorNettyTransport}, found by {@link java.util.ServiceLoader}
 * through {@link dev.seedream.transport.reactor.ReactorTransportProvider} under the name {@code
 * "reactor"}. Nothing in this package is null unless marked.
 */
package dev.seedream.transport.reactor;
