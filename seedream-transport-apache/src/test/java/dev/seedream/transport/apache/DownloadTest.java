package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.seedream.DownloadException;
import dev.seedream.MalformedResponseException;
import dev.seedream.RunId;
import dev.seedream.TransportException;
import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class DownloadTest extends WireMockTestBase {
  private static final int IMAGE_BYTES = 25 * 1000 * 1000;

  @Test
  void streamsA25MegabyteBodyToTheSinkInChunksOfAtMost64KiB() {
    byte[] image = new byte[IMAGE_BYTES];
    new Random(42).nextBytes(image);
    CRC32 expected = new CRC32();
    expected.update(image);
    server.stubFor(get("/out/image.png").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(image)));
    image = null;
    CountingSink sink = new CountingSink();
    HttpRequest request = getRequest("/out/image.png");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

    HttpResponse response = transport.download(request, sink);

    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    assertThat(allocated).as("bytes allocated by the downloading thread").isLessThan(8L * 1024 * 1024);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).contains("image/png");
    assertThat(response.body()).as("a streamed body is not held in memory").isEmpty();
    assertThat(sink.total).isEqualTo(IMAGE_BYTES);
    assertThat(sink.largestChunk).isPositive().isLessThanOrEqualTo(64 * 1024);
    assertThat(sink.crc.getValue()).isEqualTo(expected.getValue());
    assertThat(transport.poolStats().available()).as("the connection went back to the pool").isEqualTo(1);
  }

  @Test
  void returnsANon2xxAnswerWithItsBodyAndWritesNothingToTheSink() {
    server.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"code\":\"not_found\"}}")));
    CountingSink sink = new CountingSink();

    HttpResponse response = transport.download(getRequest("/gone.png"), sink);

    assertThat(response.status()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("not_found");
    assertThat(sink.total).isZero();
  }

  @Test
  void cutsTheBodyOfANon2xxAnswerAtTheBoundAndDiscardsTheConnection() {
    server.stubFor(get("/error.png").willReturn(aResponse().withStatus(500).withBody(new byte[50_000])));
    CountingSink sink = new CountingSink();

    HttpResponse response = transport.download(HttpRequest.get(uri("/error.png")).maxResponseBytes(10_000).build(), sink);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body()).hasSize(10_000);
    assertThat(sink.total).isZero();
    assertThat(transport.poolStats().available()).as("the connection is not returned to the pool").isZero();
  }

  @Test
  void aSinkThatFailsEndsTheDownloadAndDiscardsTheConnection() {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1_000_000])));
    BodySink full = chunk -> {
      throw new IOException("No space left on device");
    };

    TransportException failure =
        catchThrowableOfType(TransportException.class, () -> transport.download(getRequest("/image.png"), full));

    assertThat(failure.reason()).isEqualTo(TransportException.Reason.IO);
    assertThat(failure.getMessage()).contains("No space left on device");
    assertThat(transport.poolStats().available()).isZero();
  }

  @Test
  void aSinkThatThrowsAnUncheckedExceptionPassesItOnAndFreesTheConnection() {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1_000_000])));
    AtomicInteger calls = new AtomicInteger();

    IllegalStateException failure =
        catchThrowableOfType(
            IllegalStateException.class,
            () -> transport.download(getRequest("/image.png"), chunk -> {
              calls.incrementAndGet();
              throw new IllegalStateException("sink closed");
            }));

    assertThat(failure).hasMessage("sink closed");
    assertThat(calls).hasValue(1);
  }

  @Test
  void theSinkIsToldTheHeadOfA2xxAnswerBeforeItsBody() {
    server.stubFor(get("/a.png").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png")
        .withHeader("Content-Length", "5000").withBody(new byte[5000])));
    AtomicReference<HttpResponse> head = new AtomicReference<>();
    AtomicInteger bytesBeforeHead = new AtomicInteger(-1);
    CountingSink counting = new CountingSink();
    BodySink sink = new BodySink() {
      @Override
      public void begin(HttpResponse answer) {
        bytesBeforeHead.set((int) counting.total);
        head.set(answer);
      }

      @Override
      public void write(ByteBuffer chunk) {
        counting.write(chunk);
      }
    };

    transport.download(getRequest("/a.png"), sink);

    assertThat(bytesBeforeHead).hasValue(0);
    assertThat(head.get().status()).isEqualTo(200);
    assertThat(head.get().header("content-type")).contains("image/png");
    assertThat(head.get().header("Content-Length")).contains("5000");
    assertThat(counting.total).isEqualTo(5000);
  }

  @Test
  void aSinkThatRefusesTheHeadGetsNoBodyItsExceptionPassesOnAndTheConnectionIsDiscarded() {
    server.stubFor(get("/big.png").willReturn(aResponse().withStatus(200).withBody(new byte[2_000_000])));
    DownloadException tooLarge = new DownloadException("image 1 of run r is larger than maxImageBytes", RunId.of("r"), 200, null);
    AtomicInteger writes = new AtomicInteger();
    BodySink sink = new BodySink() {
      @Override
      public void begin(HttpResponse answer) {
        throw tooLarge;
      }

      @Override
      public void write(ByteBuffer chunk) {
        writes.incrementAndGet();
      }
    };

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> transport.download(getRequest("/big.png"), sink));

    assertThat(failure).isSameAs(tooLarge);
    assertThat(writes).hasValue(0);
    assertThat(transport.poolStats().available()).as("the connection was discarded, not pooled").isZero();
  }

  @Test
  void aSeedreamExceptionOfTheSinkPassesOnUnchangedAndDiscardsTheConnection() {
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(new byte[1_000_000])));
    DownloadException diskFull = new DownloadException("cannot write image 1: No space left on device", RunId.of("r"), 0, null);
    AtomicInteger writes = new AtomicInteger();

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> transport.download(getRequest("/image.png"), chunk -> {
      writes.incrementAndGet();
      throw diskFull;
    }));

    assertThat(failure).isSameAs(diskFull);
    assertThat(writes).hasValue(1);
    assertThat(transport.poolStats().available()).isZero();
  }

  private static final class CountingSink implements BodySink {
    final CRC32 crc = new CRC32();
    long total;
    int largestChunk;

    @Override
    public void write(ByteBuffer chunk) {
      largestChunk = Math.max(largestChunk, chunk.remaining());
      total += chunk.remaining();
      crc.update(chunk);
    }
  }
}
