package dev.seedream.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny loopback HTTP server (the JDK's) on a free port, serving one handler for every path. The
 * same server answers the SDK and the raw client it is compared with.
 */
public final class LocalServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK's server sends headers and body in two segments and waits for the
    // client's delayed ACK in between: about 40 ms per answer, which would measure the server only.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private LocalServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static LocalServer start(int threads, HttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
      ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "local-server");
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.start();
      return new LocalServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A handler that answers 200 with the body and content type, whatever was asked. */
  public static HttpHandler fixed(String contentType, byte[] body) {
    return exchange -> respond(exchange, 200, contentType, body);
  }

  public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      // in slices: the JDK's server copies each write into a buffer of its size
      for (int offset = 0; offset < body.length; offset += 64 * 1024) {
        out.write(body, offset, Math.min(64 * 1024, body.length - offset));
      }
    }
  }

  /** {@code http://127.0.0.1:PORT} */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
