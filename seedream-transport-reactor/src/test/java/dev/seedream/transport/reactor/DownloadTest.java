package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.DownloadException;
import dev.seedream.RunId;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DownloadTest extends TransportTestSupport {
  private static final int SIZE = 25 * 1024 * 1024;

  // a scheduled executor's queue is one BlockHound allows an event loop to hand work to (Reactor's
  // integration whitelists it); a plain executor's queue lock may park the event loop under contention
  private final ExecutorService writer = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "sink-writer"));

  @AfterEach
  void stopWriter() throws InterruptedException {
    writer.shutdownNow();
    assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a25MegabyteBodyIsStreamedInOrderOneChunkAtATime() throws Exception {
    byte[] image = new byte[SIZE];
    new Random(42).nextBytes(image);
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(image)));
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    AtomicLong total = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    AtomicInteger largestChunk = new AtomicInteger();
    AsyncBodySink sink = chunk -> {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      largestChunk.accumulateAndGet(chunk.remaining(), Math::max);
      // the stage completes later, on another thread, as a file writer's would
      return CompletableFuture.runAsync(() -> {
        total.addAndGet(chunk.remaining());
        received.update(chunk);
        inFlight.decrementAndGet();
      }, writer);
    };

    HttpResponse response = valueOf(transport.download(
        HttpRequest.get(uri("/image.png")).maxResponseBytes(1024).build(), sink));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(total.get()).isEqualTo(SIZE);
    assertThat(received.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(image));
    assertThat(mostInFlight.get()).isEqualTo(1);
    assertThat(largestChunk.get()).isLessThanOrEqualTo(1024 * 1024);
  }

  @Test
  void aFailedStatusIsReturnedWithItsBoundedBodyAndNothingReachesTheSink() throws Exception {
    server.stubFor(get("/gone.png").willReturn(aResponse().withStatus(403).withBody("expired")));
    AtomicInteger writes = new AtomicInteger();

    HttpResponse response = valueOf(transport.download(HttpRequest.get(uri("/gone.png")).build(), chunk -> {
      writes.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }));

    assertThat(response.status()).isEqualTo(403);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("expired");
    assertThat(writes).hasValue(0);
  }

  @Test
  void cancellingTheFutureMidDownloadReleasesTheConnection() throws Exception {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[4 * 1024 * 1024])));
    CountDownLatch firstChunk = new CountDownLatch(1);
    AtomicInteger writes = new AtomicInteger();
    CompletableFuture<Void> neverWritten = new CompletableFuture<>();

    CompletableFuture<HttpResponse> download = transport.download(HttpRequest.get(uri("/image.png")).build(), chunk -> {
      writes.incrementAndGet();
      firstChunk.countDown();
      return neverWritten;
    });
    assertThat(firstChunk.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(transport.acquiredConnections()).hasValue(1);

    assertThat(download.cancel(true)).isTrue();

    awaitZero("connections lent after cancelling", () -> transport.acquiredConnections().orElseThrow());
    awaitZero("open connections after cancelling", () -> transport.openConnections().orElseThrow());
    assertThat(writes).hasValue(1);
    assertThat(neverWritten).isNotDone();
    neverWritten.complete(null); // the sink is done with its chunk: its buffer is released now (BufferLeakTest)
  }

  @Test
  void aFailingSinkFailsTheDownloadWithItsOwnErrorAndReleasesTheConnection() throws Exception {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1024 * 1024])));
    IOException diskFull = new IOException("No space left on device");

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri("/image.png")).build(),
        chunk -> CompletableFuture.failedFuture(diskFull)));

    assertThat(failure).isSameAs(diskFull);
    awaitZero("open connections after a failed sink", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void aSinkThatThrowsFailsTheDownloadWithThatException() throws Exception {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[64 * 1024])));
    IllegalStateException broken = new IllegalStateException("sink closed");

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri("/image.png")).build(), chunk -> {
      throw broken;
    }));

    assertThat(failure).isSameAs(broken);
  }

  @Test
  void theSinkIsToldTheHeadOfA2xxAnswerBeforeItsBody() throws Exception {
    server.stubFor(get("/a.png").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png")
        .withHeader("Content-Length", "5000").withBody(new byte[5000])));
    java.util.concurrent.atomic.AtomicReference<HttpResponse> head = new java.util.concurrent.atomic.AtomicReference<>();
    AtomicLong total = new AtomicLong();
    AtomicLong bytesBeforeHead = new AtomicLong(-1);

    valueOf(transport.download(HttpRequest.get(uri("/a.png")).build(), new AsyncBodySink() {
      @Override
      public void begin(HttpResponse answer) {
        bytesBeforeHead.set(total.get());
        head.set(answer);
      }

      @Override
      public CompletionStage<Void> write(ByteBuffer chunk) {
        total.addAndGet(chunk.remaining());
        return CompletableFuture.completedFuture(null);
      }
    }));

    assertThat(bytesBeforeHead).hasValue(0);
    assertThat(head.get().status()).isEqualTo(200);
    assertThat(head.get().header("content-type")).contains("image/png");
    assertThat(head.get().header("Content-Length")).contains("5000");
    assertThat(total).hasValue(5000);
  }

  @Test
  void aSinkThatRefusesTheHeadGetsNoBodyItsExceptionPassesOnAndTheConnectionIsClosed() throws Exception {
    server.stubFor(get("/big.png").willReturn(aResponse().withStatus(200).withBody(new byte[2_000_000])));
    DownloadException tooLarge = new DownloadException("image 1 of run r is larger than maxImageBytes", RunId.of("r"), 200, null);
    AtomicInteger writes = new AtomicInteger();

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri("/big.png")).build(), new AsyncBodySink() {
      @Override
      public void begin(HttpResponse answer) {
        throw tooLarge;
      }

      @Override
      public CompletionStage<Void> write(ByteBuffer chunk) {
        writes.incrementAndGet();
        return CompletableFuture.completedFuture(null);
      }
    }));

    assertThat(failure).isSameAs(tooLarge);
    assertThat(writes).hasValue(0);
    awaitZero("open connections after a refused head", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void aSeedreamExceptionOfTheSinkPassesOnUnchangedAndClosesTheConnection() throws Exception {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1024 * 1024])));
    DownloadException diskFull = new DownloadException("cannot write image 1: No space left on device", RunId.of("r"), 0, null);

    Throwable failure = failureOf(transport.download(HttpRequest.get(uri("/image.png")).build(),
        chunk -> CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(diskFull))));

    assertThat(failure).isSameAs(diskFull);
    awaitZero("open connections after a failed sink", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void chunksAreViewsOfNettysBuffersThatStayValidUntilTheirStageCompletes() throws Exception {
    byte[] body = "0123456789".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
    server.stubFor(get("/text").willReturn(aResponse().withStatus(200).withBody(body)));
    ByteBuffer all = ByteBuffer.allocate(body.length);
    AtomicInteger heapChunks = new AtomicInteger();

    valueOf(transport.download(HttpRequest.get(uri("/text")).build(), chunk -> {
      if (!chunk.isDirect()) {
        heapChunks.incrementAndGet();
      }
      // read later, on another thread: the view must still hold the bytes
      return CompletableFuture.runAsync(() -> all.put(chunk), writer);
    }));

    assertThat(all.array()).isEqualTo(body);
    assertThat(heapChunks).as("chunks copied onto the heap").hasValue(0);
  }

  @Test
  void theEventLoopsDoNotCopyTheBodyOntoTheHeap() throws Exception {
    byte[] image = new byte[SIZE];
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(image)));
    image = null;
    AtomicLong total = new AtomicLong();
    long before = allocatedByEventLoops();

    valueOf(transport.download(HttpRequest.get(uri("/image.png")).build(), chunk -> {
      total.addAndGet(chunk.remaining());
      return CompletableFuture.completedFuture(null);
    }));

    long allocated = allocatedByEventLoops() - before;
    assertThat(total.get()).isEqualTo(SIZE);
    assertThat(allocated).as("heap bytes the event loops allocated to stream %d bytes", SIZE).isLessThan(SIZE / 5);
  }

  /** Heap bytes allocated so far by the transport's event-loop threads (those of its thread name prefix). */
  private static long allocatedByEventLoops() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo thread : threads.dumpAllThreads(false, false)) {
      if (thread.getThreadName().startsWith(THREAD_PREFIX)) {
        total += Math.max(0, threads.getThreadAllocatedBytes(thread.getThreadId()));
      }
    }
    return total;
  }
}
