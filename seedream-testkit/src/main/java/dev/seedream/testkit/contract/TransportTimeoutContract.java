package dev.seedream.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedream.TransportException;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proof a transport needs before it says {@code enforcesTimeout()}: every exchange ends by its
 * request's timeout with a {@link TransportException} of reason {@code TIMEOUT}, against a server that
 * never answers and one that trickles its answer a byte at a time (so that no single read times out).
 * The engine then sets no timer of its own per attempt, so a transport that fails here and says true
 * anyway can hang a call until its deadline.
 *
 * <pre>{@code
 * class MyTransportTimeoutTest extends TransportTimeoutContract {
 *   final MyTransport transport = MyTransport.create();
 *
 *   protected boolean enforcesTimeout() { return transport.enforcesTimeout(); }
 *   protected HttpResponse exchange(HttpRequest request) { return transport.exchange(request); }
 *   protected HttpResponse download(HttpRequest request) { return transport.download(request, chunk -> {}); }
 * }
 * }</pre>
 *
 * <p>Each test starts its own server on a dynamic loopback port and stops it.
 *
 * @since 0.1.0
 */
public abstract class TransportTimeoutContract {
  /** The timeout of each request of this suite. */
  protected static final Duration TIMEOUT = Duration.ofMillis(500);
  /** How late after its timeout an exchange may end: a watchdog's tick, a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  /** What the transport under test says of itself. */
  protected abstract boolean enforcesTimeout();

  /** Sends {@code request} with the transport's {@code exchange} and waits for it; a failure is thrown as it is. */
  protected abstract HttpResponse exchange(HttpRequest request);

  /** Sends {@code request} with the transport's {@code download} into a sink that drops each chunk, and waits for it. */
  protected abstract HttpResponse download(HttpRequest request);

  @AfterEach
  protected final void stopServers() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void theTransportSaysThatItEnforcesItsTimeout() {
    assertTrue(enforcesTimeout(), "enforcesTimeout()");
  }

  @Test
  void anExchangeWithAServerThatNeverAnswersEndsByItsTimeout() throws IOException {
    assertEndsByItsTimeout(request(Server.start(Server.Behaviour.SILENT, open)), this::exchange);
  }

  @Test
  void aDownloadFromAServerThatNeverAnswersEndsByItsTimeout() throws IOException {
    assertEndsByItsTimeout(request(Server.start(Server.Behaviour.SILENT, open)), this::download);
  }

  @Test
  void anExchangeWithAServerThatTricklesItsAnswerEndsByItsTimeout() throws IOException {
    assertEndsByItsTimeout(request(Server.start(Server.Behaviour.TRICKLE, open)), this::exchange);
  }

  @Test
  void aDownloadFromAServerThatTricklesItsBodyEndsByItsTimeout() throws IOException {
    assertEndsByItsTimeout(request(Server.start(Server.Behaviour.TRICKLE, open)), this::download);
  }

  private static HttpRequest request(Server server) {
    return HttpRequest.get(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/runs/run-1"))
        .header("Accept", "application/json")
        .timeout(TIMEOUT)
        .maxResponseBytes(1 << 20)
        .build();
  }

  private static void assertEndsByItsTimeout(HttpRequest request, java.util.function.Function<HttpRequest, HttpResponse> send) {
    long start = System.nanoTime();
    TransportException thrown = assertThrows(TransportException.class, () -> send.apply(request));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(TransportException.Reason.TIMEOUT, thrown.reason(), thrown.getMessage());
    assertTrue(took.compareTo(TIMEOUT.minusMillis(50)) >= 0, "ended after " + took + ", before its timeout");
    assertTrue(took.compareTo(TIMEOUT.plus(SLACK)) <= 0, "ended after " + took + ", long after its timeout of " + TIMEOUT);
  }

  /** A loopback HTTP server that reads each request and then says nothing, or trickles an answer. */
  private static final class Server implements AutoCloseable {
    enum Behaviour {
      SILENT,
      TRICKLE
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private Server(ServerSocket socket, Behaviour behaviour) {
      this.socket = socket;
      this.behaviour = behaviour;
    }

    static Server start(Behaviour behaviour, List<AutoCloseable> open) throws IOException {
      Server server = new Server(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
      open.add(server);
      server.thread("accept", server::accept);
      return server;
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      try {
        while (!socket.isClosed()) {
          Socket connection = socket.accept();
          accepted.add(connection);
          thread("connection", () -> serve(connection));
        }
      } catch (IOException e) {
        // closed
      }
    }

    private void serve(Socket connection) {
      try (connection) {
        InputStream in = connection.getInputStream();
        readHead(in);
        if (behaviour == Behaviour.SILENT) {
          while (in.read() >= 0) {
            // keep the connection open, say nothing
          }
          return;
        }
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (!connection.isClosed()) {
          TimeUnit.MILLISECONDS.sleep(50);
          out.write(' ');
          out.flush();
        }
      } catch (IOException e) {
        // the client gave up
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void readHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int b;
      while (matched < end.length && (b = in.read()) >= 0) {
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    }

    private void thread(String name, Runnable body) {
      Thread thread = new Thread(body, "timeout-contract-" + name);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      for (Socket connection : accepted) {
        connection.close();
      }
      for (Thread thread : threads) {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    }
  }
}
