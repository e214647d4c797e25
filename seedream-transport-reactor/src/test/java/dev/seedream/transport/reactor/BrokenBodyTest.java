package dev.seedream.transport.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.TransportException;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies that end before they are whole, from a loopback server that writes raw HTTP and closes. */
class BrokenBodyTest extends TransportTestSupport {
  private ServerSocket raw;
  private Thread serving;

  @BeforeEach
  void openRawServer() throws IOException {
    raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeRawServer() throws Exception {
    raw.close();
    if (serving != null) {
      serving.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(serving.isAlive()).isFalse();
    }
  }

  /** Answers one request with the head and the part of the body given, then closes the connection. */
  private URI serveOnce(String head, byte[] part) {
    serving = new Thread(() -> {
      try (Socket socket = raw.accept()) {
        InputStream in = socket.getInputStream();
        // the request ends with an empty line; a GET has no body
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(part);
        out.flush();
      } catch (IOException e) {
        // the test's assertions say what matters
      }
    }, "raw-server");
    serving.start();
    return URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/image.png");
  }

  private static AsyncBodySink counting(AtomicLong total) {
    return chunk -> {
      total.addAndGet(chunk.remaining());
      return CompletableFuture.completedFuture(null);
    };
  }

  @Test
  void aBodyCutShortOfItsContentLengthFailsTheDownload() throws Exception {
    URI uri = serveOnce("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n", new byte[40_000]);
    AtomicLong total = new AtomicLong();

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri).build(), counting(total)));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED);
    assertThat(total.get()).isLessThanOrEqualTo(40_000);
  }

  @Test
  void aChunkedBodyWithoutItsLastChunkFailsTheDownload() throws Exception {
    byte[] chunk = ("1000\r\n" + "x".repeat(0x1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    URI uri = serveOnce("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n", chunk);
    AtomicLong total = new AtomicLong();

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri).build(), counting(total)));

    assertThat(failure).isInstanceOf(TransportException.class);
    assertThat(((TransportException) failure).reason()).isEqualTo(TransportException.Reason.CONNECTION_CLOSED);
  }

  @Test
  void aBrokenBodyFailsTheDownloadOnlyOnceTheWriteUnderWayHasEnded() throws Exception {
    URI uri = serveOnce("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 100000\r\n\r\n", new byte[100]); // one buffer: nothing queued behind its write
    CompletableFuture<Void> firstWrite = new CompletableFuture<>();
    CountDownLatch written = new CountDownLatch(1);
    AsyncBodySink sink = new AsyncBodySink() {
      @Override
      public CompletionStage<Void> write(ByteBuffer chunk) {
        written.countDown();
        return firstWrite;
      }

      @Override
      public CompletionStage<Void> write(java.util.List<ByteBuffer> chunks) {
        return CompletableFuture.completedFuture(null);
      }
    };

    CompletableFuture<?> download = transport.download(HttpRequest.get(uri).build(), sink);
    assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
    serving.join(TimeUnit.SECONDS.toMillis(10));
    // the connection is gone once the client has seen it close, and with it the end of the body
    awaitZero("open connections after the server closed", () -> transport.openConnections().orElseThrow());

    assertThat(download).as("failed while a write of its body still ran: a retry would race it").isNotDone();
    firstWrite.complete(null);

    assertThat(failureOf(download)).isInstanceOf(TransportException.class);
  }
}
