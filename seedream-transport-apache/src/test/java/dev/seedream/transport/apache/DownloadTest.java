package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
