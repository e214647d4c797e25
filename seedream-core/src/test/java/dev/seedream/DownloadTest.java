package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.ScriptedServer.Reply;
import dev.seedream.testing.TextCodec;
import dev.seedream.testing.VirtualScheduler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads through the engine: file names, all-or-nothing, and where the key may go. */
class DownloadTest {
  static final String KEY = "sk-test-download-0123456789";
  static final byte[] PNG = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir Path dir;
  final VirtualScheduler time = new VirtualScheduler();
  SeedreamAsyncClient client;
  ScriptedServer server;

  void client(Function<Received, Reply> script) {
    server = new ScriptedServer(time::nanoTime, script);
    client = SeedreamAsyncClient.builder()
        .apiKey(KEY)
        .baseUrl("https://runbase.test")
        .transport(server)
        .codec(new TextCodec())
        .scheduler(time)
        .build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  static Run run(String... urls) {
    return Run.builder(RunId.of("run-7"), RunStatus.SUCCEEDED)
        .outputUrls(Stream.of(urls).map(URI::create).toList())
        .build();
  }

  static Reply png() {
    return Reply.bytes(200, PNG, Map.of("Content-Type", List.of("image/png")));
  }

  <T> T finish(CompletableFuture<T> future) throws Exception {
    // File work runs on the engine's executor: wait for it in real time, driving virtual time meanwhile.
    for (int i = 0; i < 500 && !future.isDone(); i++) {
      time.advance(Duration.ofSeconds(1));
      try {
        return future.get(10, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // keep driving
      }
    }
    return future.get(5, TimeUnit.SECONDS);
  }

  @Test
  void imagesAreWrittenAsRunIdAndIndexWithTheExtensionOfTheirType() throws Exception {
    client(r -> png());
    List<Path> files = finish(client.download(run("https://cdn.example/a", "https://cdn.example/b.webp"), dir.resolve("out")));

    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("run-7-1.png", "run-7-2.png");
    assertThat(Files.readAllBytes(files.get(0))).isEqualTo(PNG);
    assertThat(dir.resolve("out")).isDirectoryContaining(p -> true);
    try (Stream<Path> all = Files.list(dir.resolve("out"))) {
      assertThat(all).hasSize(2);
    }
  }

  @Test
  void imagesGetTheDefaultPermissionsNotThoseOfATemporaryFile() throws Exception {
    Path reference = Files.createFile(dir.resolve("reference.txt"));
    client(r -> png());
    List<Path> files = finish(client.download(run("https://cdn.example/a.png"), dir));

    assertThat(Files.getPosixFilePermissions(files.get(0))).isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  void theKeyIsNotSentToAnotherOrigin() throws Exception {
    client(r -> png());
    finish(client.download(run("https://cdn.example/a.png", "https://runbase.test/files/b.png"), dir));

    List<Received> seen = server.received();
    assertThat(seen.get(0).request().headers()).doesNotContainKey("Authorization");
    assertThat(seen.get(1).request().headers()).containsEntry("Authorization", "Bearer " + KEY);
  }

  @Test
  void aRedirectToAnotherOriginDropsTheKey() throws Exception {
    client(r -> r.request().uri().getHost().equals("runbase.test")
        ? Reply.of(302, "").header("Location", "https://storage.example/signed/x.png?token=abc")
        : png());
    List<Path> files = finish(client.download(run("https://runbase.test/files/x"), dir));

    List<Received> seen = server.received();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).request().headers()).containsKey("Authorization");
    assertThat(seen.get(1).request().uri().getHost()).isEqualTo("storage.example");
    assertThat(seen.get(1).request().headers()).doesNotContainKey("Authorization");
    assertThat(files).hasSize(1);
  }

  @Test
  void aFailedImageLeavesNoFileOfTheCallBehind() throws Exception {
    client(r -> r.request().uri().getPath().endsWith("2.png")
        ? Reply.of(404, "<html>gone</html>")
        : png());
    CompletableFuture<List<Path>> files = client.download(
        run("https://cdn.example/1.png", "https://cdn.example/2.png"), dir);

    ExecutionException error = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class, () -> finish(files));
    assertThat(error.getCause()).isInstanceOf(DownloadException.class).hasMessageContaining("HTTP 404").hasMessageContaining("24 hours");
    assertThat(((DownloadException) error.getCause()).statusCode()).isEqualTo(404);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFailedCallLeavesAnExistingFileOfTheSameNameUntouched() throws Exception {
    Path existing = Files.writeString(dir.resolve("run-7-1.png"), "an earlier download");
    client(r -> r.request().uri().getPath().endsWith("2.png") ? Reply.of(404, "gone") : png());
    CompletableFuture<List<Path>> files = client.download(run("https://cdn.example/1.png", "https://cdn.example/2.png"), dir);

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> finish(files))).hasCauseInstanceOf(DownloadException.class);
    assertThat(Files.readString(existing)).isEqualTo("an earlier download");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(existing);
    }
  }

  @Test
  void aServerErrorOnAnImageIsRetried() throws Exception {
    int[] calls = {0};
    client(r -> ++calls[0] == 1 ? Reply.of(503, "busy") : png());
    List<Path> files = finish(client.download(run("https://cdn.example/1.png"), dir));

    assertThat(files).hasSize(1);
    assertThat(Files.readAllBytes(files.get(0))).isEqualTo(PNG);
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void aRunWithoutOutputIsRefusedWithAClearMessage() {
    client(r -> png());
    Run pending = Run.builder(RunId.of("run-1"), RunStatus.PENDING).build();
    assertThat(client.download(pending, dir)).isCompletedExceptionally();
    assertThat(EngineTestSupport.failure(client.download(pending, dir)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no output URLs").hasMessageContaining("pending");
  }
}
