package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.GenerationRequest;
import dev.seedream.RunId;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class GettingStartedTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void startFake() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1))
        .failWhenPromptContains("explode").start();
    // the transport's logging prints its one-time SLF4J notice on the first client: not into a capture
    FakeClients.clientFor(fake).close();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Test
  void theConfiguredClientUsesTheGivenKeyAndBaseUrl() {
    try (SeedreamClient client = GettingStarted.configuredClient(fake.baseUrl(), fake.apiKey())) {
      RunId id = client.submit(GenerationRequest.builder().prompt("A lamp").build());
      assertThat(fake.run(id.value())).isPresent();
    }
    assertThat(fake.journal().requestsWithKey(fake.apiKey())).isNotEmpty();
  }

  @Test
  void aGoodPromptGivesItsFiles(@TempDir Path out) {
    StdStreams[] streams = new StdStreams[1];
    List<Path> files = StdStreams.capture(() -> generate("A ceramic lamp", out), streams);
    assertThat(files).singleElement().satisfies(f -> {
      assertThat(f).exists().hasParent(out);
      assertThat(f.getFileName().toString()).endsWith("-1.png");
    });
    assertThat(streams[0].err).isEmpty();
  }

  @Test
  void aBlankPromptIsExplainedAndNothingSent(@TempDir Path out) {
    int before = fake.journal().createRequests();
    StdStreams[] streams = new StdStreams[1];
    assertThat(StdStreams.capture(() -> generate("  ", out), streams)).isEmpty();
    assertThat(streams[0].err).startsWith("input.prompt: prompt holds only whitespace");
    assertThat(fake.journal().createRequests()).isEqualTo(before);
  }

  @Test
  void aFailedRunIsExplained(@TempDir Path out) {
    StdStreams[] streams = new StdStreams[1];
    assertThat(StdStreams.capture(() -> generate("A lamp that will explode", out), streams)).isEmpty();
    assertThat(streams[0].err).startsWith("run failed: ");
    assertThat(out).isEmptyDirectory();
  }

  @Test
  void aLocalPhotoIsSentInlineAndItsEditDownloaded(@TempDir Path dir) throws Exception {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    Path photo = java.nio.file.Files.write(dir.resolve("photo.jpg"), jpeg);
    Path out = dir.resolve("out");
    List<Path> files;
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      files = GettingStarted.editLocalPhoto(client, photo, out);
    }
    assertThat(files).singleElement().satisfies(f -> assertThat(f).exists().hasParent(out));
    String runId = files.get(0).getFileName().toString().replaceFirst("-1\\.png$", "");
    assertThat(fake.run(runId).orElseThrow().input().get("image_urls"))
        .isEqualTo(List.of("data:image/jpeg;base64," + java.util.Base64.getEncoder().encodeToString(jpeg)));
  }

  @Test
  void eachImageGoesToItsOwnStreamAndSmallOnesIntoMemory(@TempDir Path dir) throws Exception {
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      dev.seedream.Run run = client.generate(GenerationRequest.builder().prompt("A lamp").build());
      java.util.Map<String, java.io.ByteArrayOutputStream> store = new java.util.concurrent.ConcurrentHashMap<>();

      List<String> keys = GettingStarted.uploadEachImage(client, run, store);
      byte[] bytes = GettingStarted.firstImageBytes(client, run);
      Path file = client.download(run, dir).get(0);

      assertThat(keys).containsExactly("renders/" + run.id().value() + "-1.png");
      assertThat(store.get(keys.get(0)).toByteArray()).isEqualTo(java.nio.file.Files.readAllBytes(file));
      assertThat(bytes).isEqualTo(java.nio.file.Files.readAllBytes(file));
    }
  }

  @Test
  void concurrentJobsEachHearTheirOwnRunOnly() throws Exception {
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      List<List<String>> progress = new java.util.ArrayList<>();
      List<java.util.concurrent.CompletableFuture<dev.seedream.Run>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        List<String> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
        progress.add(mine);
        String job = "job-" + i;
        runs.add(java.util.concurrent.CompletableFuture.supplyAsync(
            () -> GettingStarted.generateForJob(client, job, "A lamp " + job, mine)));
      }
      for (int i = 0; i < 4; i++) {
        assertThat(runs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS).status().value()).isEqualTo("succeeded");
        String job = "job-" + i;
        assertThat(progress.get(i)).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(job + ": "))
            .contains(job + ": succeeded");
      }
    }
  }

  private static List<Path> generate(String prompt, Path out) {
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      return GettingStarted.generateOrExplain(client, prompt, out);
    }
  }
}
