package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.seedream.codec.gson.GsonJsonCodec;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.RunBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No Netty buffer leaks on any path of a streamed body: complete, cut, cancelled while the sink
 * holds a chunk, failed by the sink, broken by the server. Netty's leak detector runs at its
 * paranoid level (every buffer tracked) and records what it finds ({@link RecordingLeakDetector});
 * a buffer leaked on purpose at the end shows that the detector looked.
 */
class BufferLeakTest extends TransportTestSupport {
  private static final String CANARY = "leaked on purpose by BufferLeakTest";

  private final ExecutorService writer = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "sink-writer"));
  private ResourceLeakDetector.Level level;

  @BeforeEach
  void trackEveryBuffer() {
    assertThat(RecordingLeakDetector.installed()).as("the pom installs the recording leak detector").isTrue();
    level = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    RecordingLeakDetector.clear();
  }

  @AfterEach
  void restoreLevel() throws InterruptedException {
    ResourceLeakDetector.setLevel(level);
    writer.shutdownNow();
    assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void noBufferLeaksWhateverBecomesOfAStreamedBody() throws Exception {
    byte[] body = new byte[2 * 1024 * 1024];
    server.stubFor(get("/image.png").willReturn(aResponse().withStatus(200).withBody(body)));
    server.stubFor(get("/error").willReturn(aResponse().withStatus(502).withBody(new byte[3 * 1024 * 1024])));
    server.stubFor(get("/broken").willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    String run = "{\"id\":\"run_1\",\"status\":\"pending\",\"input\":{\"image_urls\":[\"data:image/png;base64,"
        + "A".repeat(3 * 1024 * 1024) + "\"]}}";
    server.stubFor(get("/run").willReturn(aResponse().withStatus(200).withBody(run)));

    // complete, the sink's stages completing later on another thread
    valueOf(transport.download(request("/image.png"), chunk -> CompletableFuture.runAsync(chunk::position, writer)));
    // a run body skimmed on the event loop
    RunBody skimmer = new GsonJsonCodec().runBody(1024 * 1024);
    valueOf(transport.download(request("/run"), chunk -> {
      try {
        skimmer.write(chunk);
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
      return CompletableFuture.completedFuture(null);
    }));
    assertThat(new GsonJsonCodec().readRun(skimmer.kept()).id().value()).isEqualTo("run_1");
    // an error body cut at the bound
    assertThat(valueOf(transport.download(request("/error"), chunk -> CompletableFuture.completedFuture(null))).body())
        .hasSize(1024 * 1024);
    // cancelled while the sink holds a chunk, which it lets go of afterwards
    CompletableFuture<Void> holding = new CompletableFuture<>();
    CountDownLatch held = new CountDownLatch(1);
    CompletableFuture<HttpResponse> cancelled = transport.download(request("/image.png"), chunk -> {
      held.countDown();
      return holding;
    });
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    cancelled.cancel(true);
    awaitZero("connections lent after cancelling", () -> transport.acquiredConnections().orElseThrow());
    holding.complete(null);
    // failed by the sink: a failed stage, then a throw
    failureOf(transport.download(request("/image.png"), chunk -> CompletableFuture.failedFuture(new IOException("disk full"))));
    failureOf(transport.download(request("/image.png"), chunk -> {
      throw new IllegalStateException("sink closed");
    }));
    // broken by the server
    failureOf(transport.download(request("/broken"), chunk -> CompletableFuture.completedFuture(null)));
    awaitZero("connections lent after everything", () -> transport.acquiredConnections().orElseThrow());

    ByteBuf canary = ByteBufAllocator.DEFAULT.directBuffer(16);
    canary.touch(CANARY);
    canary = null;
    List<String> leaks = awaitLeakReports();

    assertThat(leaks).as("leaks found").hasSize(1);
    assertThat(leaks.get(0)).contains(CANARY);
  }

  private HttpRequest request(String path) {
    return HttpRequest.get(uri(path)).maxResponseBytes(1024 * 1024).timeout(Duration.ofSeconds(10)).build();
  }

  /** Collects garbage and allocates until the detector has reported the canary; the leaks found by then. */
  private static List<String> awaitLeakReports() {
    Awaitility.await("the leak detector reports the canary")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          System.gc();
          for (int i = 0; i < 64; i++) {
            ByteBufAllocator.DEFAULT.directBuffer(16).release(); // each tracked buffer makes the detector look
          }
          return RecordingLeakDetector.leaks().stream().anyMatch(leak -> leak.contains(CANARY));
        });
    return RecordingLeakDetector.leaks();
  }
}
