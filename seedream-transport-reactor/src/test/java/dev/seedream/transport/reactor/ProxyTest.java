package dev.seedream.transport.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JDK's proxy properties are honoured: requests go through a loopback proxy that tunnels them. */
class ProxyTest {

  @Test
  void requestsGoThroughTheProxyNamedByTheJdkProperties() throws Exception {
    try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> seen = CompletableFuture.supplyAsync(() -> tunnelOnce(proxy));
      // Reactor Netty reads the properties when it connects, so they stay set for the exchange
      System.setProperty("http.proxyHost", "127.0.0.1");
      System.setProperty("http.proxyPort", String.valueOf(proxy.getLocalPort()));
      ReactorNettyTransport transport =
          ReactorNettyTransport.builder().eventLoopThreads(1).threadNamePrefix("seedream-proxy").build();
      try {
        HttpResponse response = transport.exchange(
            HttpRequest.get(URI.create("http://images.seedream.invalid/out/1.png")).build()).get(20, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("proxied");
        assertThat(seen.get(20, TimeUnit.SECONDS)).containsExactly(
            "CONNECT images.seedream.invalid:80 HTTP/1.1", "GET /out/1.png HTTP/1.1");
        TransportTestSupport.awaitZero("connections lent", () -> transport.acquiredConnections().orElseThrow());
      } finally {
        System.clearProperty("http.proxyHost");
        System.clearProperty("http.proxyPort");
        transport.close();
      }
    }
  }

  /** Accepts one connection, answers its CONNECT, then answers the tunnelled request; returns both request lines. */
  private static List<String> tunnelOnce(ServerSocket proxy) {
    try (Socket client = proxy.accept()) {
      client.setSoTimeout(20_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = client.getOutputStream();
      List<String> requestLines = new ArrayList<>();
      requestLines.add(readHead(in));
      out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      requestLines.add(readHead(in));
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nproxied".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return requestLines;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads a request head; returns its first line. */
  private static String readHead(BufferedReader in) throws IOException {
    String first = in.readLine();
    String line = first;
    while (line != null && !line.isEmpty()) {
      line = in.readLine();
    }
    return first;
  }
}
