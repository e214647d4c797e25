package dev.seedream.reliability;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.transport.apache.ApacheHttpTransport;
import dev.seedream.transport.reactor.ReactorNettyTransport;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A transport of the suite: a client over it made from a builder, and how many connections it
 * holds leased right now ({@code poolStats().leased()} of Apache, {@code acquiredConnections()} of
 * Reactor Netty). Over the reactor transport the blocking face runs on the non-blocking engine (the
 * asynchronous client underneath), the same engine the reactive client uses. The client does not own the transport, so its pool can be read after
 * each call and closed at the end.
 */
public final class TransportUnderTest implements AutoCloseable {
  private final String name;
  private final AutoCloseable transport;
  private final IntSupplier leased;
  private final java.util.function.UnaryOperator<ClientBuilder<SeedreamClient>> attach;

  private TransportUnderTest(String name, AutoCloseable transport, IntSupplier leased,
      java.util.function.UnaryOperator<ClientBuilder<SeedreamClient>> attach) {
    this.name = name;
    this.transport = transport;
    this.leased = leased;
    this.attach = attach;
  }

  /** Every transport of the suite, by name; each call makes new ones. */
  public static List<String> names() {
    return List.of("apache", "reactor");
  }

  public static TransportUnderTest create(String name) {
    switch (name) {
      case "apache": {
        ApacheHttpTransport transport = ApacheHttpTransport.create();
        return new TransportUnderTest(name, transport, () -> transport.poolStats().leased(), b -> b.transport(transport));
      }
      case "reactor": {
        ReactorNettyTransport transport = ReactorNettyTransport.create();
        return new TransportUnderTest(name, transport, () -> transport.acquiredConnections().orElseThrow(),
            b -> b.transport((AsyncHttpTransport) transport));
      }
      default:
        throw new IllegalArgumentException("no transport named " + name);
    }
  }

  /** A blocking client over this transport, with the canary key. */
  public SeedreamClient client(ClientBuilder<SeedreamClient> builder) {
    return attach.apply(builder.apiKey(Canary.KEY)).build();
  }

  public String name() {
    return name;
  }

  /** Connections leased now. */
  public int leased() {
    return leased.getAsInt();
  }

  /** Waits until no connection is leased (an aborted exchange frees its connection on its own thread). */
  public int leasedAfterSettling() throws InterruptedException {
    try {
      org.awaitility.Awaitility.await("connections returned to the " + name + " pool")
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> leased() == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the caller asserts on the count it gets back
    }
    return leased();
  }

  @Override
  public void close() {
    try {
      transport.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the " + name + " transport failed", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
