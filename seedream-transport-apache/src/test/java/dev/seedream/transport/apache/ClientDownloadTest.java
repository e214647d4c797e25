package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads through the whole client over real HTTP: where the key goes, and memory. */
class ClientDownloadTest {
  static final String CANARY = "sk-CANARY-download-5e1f0a9b";

  @TempDir Path dir;
  WireMockServer api;
  WireMockServer cdn;
  ApacheHttpTransport transport;
  SeedreamClient client;

  @BeforeEach
  void start() {
    api = new WireMockServer(options().dynamicPort().http2PlainDisabled(true));
    cdn = new WireMockServer(options().dynamicPort().http2PlainDisabled(true));
    api.start();
    cdn.start();
    transport = ApacheHttpTransport.create();
    client = SeedreamClient.builder().apiKey(CANARY).baseUrl(api.baseUrl()).transport(transport).build();
  }

  @AfterEach
  void stop() {
    client.close();
    assertThat(transport.poolStats().leased()).isZero();
    transport.close();
    api.stop();
    cdn.stop();
  }

  Run run(String... urls) {
    return Run.builder(RunId.of("run_dl"), RunStatus.SUCCEEDED).outputUrls(java.util.Arrays.stream(urls).map(URI::create).toList()).build();
  }

  @Test
  void theKeyGoesToTheApiOriginButNeverToTheCdnNorToACrossOriginRedirectTarget() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    api.stubFor(get(urlPathEqualTo("/files/a.png")).willReturn(aResponse().withStatus(302).withHeader("Location", cdn.baseUrl() + "/signed/a.png?sig=1")));
    cdn.stubFor(get(urlPathEqualTo("/signed/a.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));
    cdn.stubFor(get(urlPathEqualTo("/b.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));

    List<Path> files = client.download(run(api.baseUrl() + "/files/a.png", cdn.baseUrl() + "/b.png"), dir);

    assertThat(files).hasSize(2);
    api.verify(getRequestedFor(urlPathEqualTo("/files/a.png")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + CANARY)));
    assertThat(cdn.getAllServeEvents()).hasSize(2);
    cdn.getAllServeEvents().forEach(event -> assertThat(event.getRequest().containsHeader("Authorization")).as(event.getRequest().getUrl()).isFalse());
  }

  @Test
  void a25MegabyteImageIsStreamedToDiskWithoutBeingHeldInMemory() throws Exception {
    byte[] big = new byte[25 * 1024 * 1024];
    new Random(25).nextBytes(big);
    cdn.stubFor(get(urlPathEqualTo("/big.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(big)));
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = allocatedBySdkThreads(threads) + threads.getCurrentThreadAllocatedBytes();

    List<Path> files = client.download(run(cdn.baseUrl() + "/big.png"), dir);

    long allocated = allocatedBySdkThreads(threads) + threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(Files.size(files.get(0))).isEqualTo(big.length);
    assertThat(Files.mismatch(files.get(0), writeExpected(big))).isEqualTo(-1L);
    assertThat(allocated).as("bytes allocated by the caller and the SDK's threads").isLessThan(8L * 1024 * 1024);
  }

  private Path writeExpected(byte[] bytes) throws java.io.IOException {
    return Files.write(dir.resolve("expected.bin"), bytes);
  }

  private static long allocatedBySdkThreads(com.sun.management.ThreadMXBean threads) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("seedream-")) {
        long bytes = threads.getThreadAllocatedBytes(thread.getId());
        total += Math.max(0, bytes);
      }
    }
    return total;
  }
}
