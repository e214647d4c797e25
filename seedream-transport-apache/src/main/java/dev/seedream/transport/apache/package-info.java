/**
 * The blocking HTTP transport of seedream-java on Apache HttpClient 5: {@link
 * dev.seedream.transport.apache.ApacheHttpTransport}, found by {@link java.util.ServiceLoader}
 * through {@link dev.seedream.transport.apache.ApacheTransportProvider}. Nothing here is null
 * unless marked.
 */
package dev.seedream.transport.apache;
