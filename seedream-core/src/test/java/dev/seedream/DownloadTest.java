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
import java.util.function.UnaryOperator;
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
    client(script, builder -> builder);
  }

  void client(Function<Received, Reply> script, UnaryOperator<ClientBuilder<SeedreamAsyncClient>> more) {
    server = new ScriptedServer(time::nanoTime, script);
    client = more.apply(SeedreamAsyncClient.builder()
        .apiKey(KEY)
        .baseUrl("https://runbase.test")
        .transport(server)
        .codec(new TextCodec())
        .scheduler(time))
        .build();
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
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
  void aDownloadBrokenMidBodyIsRetriedFromTheStartAndHoldsOnlyTheLastAttemptsBytes() throws Exception {
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    dev.seedream.spi.AsyncHttpTransport breaksOnce = new dev.seedream.spi.AsyncHttpTransport() {
      @Override
      public CompletableFuture<dev.seedream.spi.HttpResponse> exchange(dev.seedream.spi.HttpRequest request) {
        throw new AssertionError("no API request expected");
      }

      @Override
      public CompletableFuture<dev.seedream.spi.HttpResponse> download(
          dev.seedream.spi.HttpRequest request, dev.seedream.spi.AsyncBodySink sink) {
        dev.seedream.spi.HttpResponse head = dev.seedream.spi.HttpResponse.of(200, Map.of("Content-Type", List.of("image/png")), null);
        sink.begin(head);
        if (attempts.incrementAndGet() == 1) {
          byte[] junk = "\u0089PNG the first attempt, cut short, and longer than the image".getBytes(StandardCharsets.ISO_8859_1);
          return sink.write(java.nio.ByteBuffer.wrap(junk)).toCompletableFuture().thenCompose(ignored ->
              CompletableFuture.failedFuture(new TransportException(TransportException.Reason.CONNECTION_CLOSED, "reset", null)));
        }
        return sink.write(java.nio.ByteBuffer.wrap(PNG)).toCompletableFuture().thenApply(ignored -> head);
      }
    };
    client = SeedreamAsyncClient.builder().apiKey(KEY).baseUrl("https://runbase.test").transport(breaksOnce)
        .codec(new TextCodec()).scheduler(time).build();

    List<Path> files = finish(client.download(run("https://cdn.example/a.png"), dir));

    assertThat(attempts).hasValue(2);
    assertThat(Files.readAllBytes(files.get(0))).isEqualTo(PNG);
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

  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};

  static Reply image(byte[] body, String contentType) {
    return Reply.bytes(200, body, Map.of("Content-Type", List.of(contentType)));
  }

  Throwable failureOf(CompletableFuture<?> future) {
    ExecutionException error = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class, () -> finish(future));
    assertThat(error).as("the call failed").isNotNull();
    return error.getCause();
  }

  List<Path> left() throws java.io.IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }

  @Test
  void theExtensionComesFromTheFirstBytesNotFromTheUrlOrTheContentType() throws Exception {
    client(r -> image(JPEG, "image/png"));
    List<Path> files = finish(client.download(run("https://cdn.example/a.png"), dir));

    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("run-7-1.jpg");
    assertThat(Files.readAllBytes(files.get(0))).isEqualTo(JPEG);
  }

  @Test
  void theBytesOfAnImageMakeItOneWhateverItsContentType() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    client(r -> image(png, "application/octet-stream"));
    List<Path> files = finish(client.download(run("https://cdn.example/a"), dir));

    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("run-7-1.png");
  }

  @Test
  void aBodyThatIsNotAnImageFailsNamingWhatCameEscapedAndLeavesNoFile() throws Exception {
    client(r -> image("<html>\u001b]0;owned\u0007 session expired</html>".getBytes(StandardCharsets.UTF_8), "text/html\u001b[2J"));
    Throwable failure = failureOf(client.download(run("https://cdn.example/a.png"), dir));

    assertThat(failure).isInstanceOf(DownloadException.class)
        .hasMessageContaining("image 1 of run run-7 from https://cdn.example/a.png is not an image")
        .hasMessageContaining("text/html\\u001B[2J")
        .hasMessageContaining("<html>\\u001B]0;owne")
        .hasMessageNotContaining("\u001b");
    assertThat(server.received()).as("not retried").hasSize(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void anEmptyBodyIsNotAnImage() throws Exception {
    client(r -> image(new byte[0], "image/png"));
    assertThat(failureOf(client.download(run("https://cdn.example/a.png"), dir)))
        .isInstanceOf(DownloadException.class).hasMessageContaining("empty body");
    assertThat(left()).isEmpty();
  }

  @Test
  void aBodyLargerThanMaxImageBytesFailsAtOnceAndLeavesNoFile() throws Exception {
    client(r -> png(), builder -> builder.maxImageBytes(PNG.length - 1));
    Throwable failure = failureOf(client.download(run("https://cdn.example/1.png", "https://cdn.example/2.png"), dir));

    assertThat(failure).isInstanceOf(DownloadException.class)
        .hasMessageContaining("larger than maxImageBytes, " + (PNG.length - 1) + " bytes (more came)")
        .hasMessageContaining("raise maxImageBytes(..)");
    assertThat(server.received()).as("not retried, and the second image not fetched").hasSize(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void anImageOfExactlyMaxImageBytesIsAccepted() throws Exception {
    client(r -> png(), builder -> builder.maxImageBytes(PNG.length));
    assertThat(finish(client.download(run("https://cdn.example/1.png"), dir))).hasSize(1);
  }

  @Test
  void aDeclaredLengthAboveMaxImageBytesIsRefusedBeforeAnyOfTheBodyIsWritten() throws Exception {
    List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    SeedreamListener listener = new SeedreamListener() {
      @Override
      public void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
        progress.add(bytesSoFar);
      }
    };
    client(r -> png().header("Content-Length", "5000000000"), builder -> builder.maxImageBytes(1000).listener(listener));
    Throwable failure = failureOf(client.download(run("https://cdn.example/1.png"), dir));

    assertThat(failure).isInstanceOf(DownloadException.class).hasMessageContaining("it declares 5000000000 bytes");
    assertThat(((DownloadException) failure).statusCode()).isEqualTo(200);
    assertThat(progress).as("no byte of the body written").isEmpty();
    assertThat(server.received()).hasSize(1);
    assertThat(left()).isEmpty();
  }

  @Test
  void progressCarriesTheDeclaredLength() throws Exception {
    List<long[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    SeedreamListener listener = new SeedreamListener() {
      @Override
      public void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
        progress.add(new long[] {bytesSoFar, total});
      }
    };
    client(r -> png().header("Content-Length", Integer.toString(PNG.length)), builder -> builder.listener(listener));
    finish(client.download(run("https://cdn.example/1.png"), dir));

    assertThat(progress).last().isEqualTo(new long[] {PNG.length, PNG.length});
  }

  @Test
  void maxImageBytesMustBePositive() {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SeedreamAsyncClient.builder().maxImageBytes(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxImageBytes must be at least 1 byte, but was 0");
  }

  @Test
  void outputUrlsThatAreNotPlainHttpFailBeforeAnyRequestOrFile() {
    client(r -> png());
    for (String url : List.of("https://user:secret@cdn.example/a.png", "ftp://cdn.example/a.png", "file:///etc/passwd",
        "/images/a.png", "http:cdn.example/a.png")) {
      Throwable failure = EngineTestSupport.failure(client.download(run("https://cdn.example/ok.png", url), dir.resolve("out")));
      assertThat(failure).as(url).isInstanceOf(DownloadException.class)
          .hasMessageContaining("output URL 2 of run run-7").hasMessageContaining("Nothing was fetched")
          .hasMessageNotContaining("secret");
    }
    assertThat(server.received()).isEmpty();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aRedirectToAnotherSchemeOrToUserInfoOrToNoUrlFailsAtOnceAndLeavesNoFile() throws Exception {
    for (String location : List.of("ftp://cdn.example/a.png", "file:///etc/passwd", "https://u:secret@cdn.example/a.png",
        "mailto:someone@example.com", "http://exa mple/\u001b[2J")) {
      client(r -> Reply.of(302, "").header("Location", location));
      Throwable failure = failureOf(client.download(run("https://cdn.example/a.png"), dir));

      assertThat(failure).as(location).isInstanceOf(DownloadException.class)
          .hasMessageContaining("image 1 of run run-7 from https://cdn.example/a.png redirects to")
          .hasMessageNotContaining("secret").hasMessageNotContaining("\u001b");
      assertThat(((DownloadException) failure).statusCode()).isEqualTo(302);
      assertThat(server.received()).as("not retried, not followed").hasSize(1);
      assertThat(left()).isEmpty();
      client.close();
    }
  }

  @Test
  void tooManyRedirectsFail() throws Exception {
    client(r -> Reply.of(301, "").header("Location", "/again"));
    assertThat(failureOf(client.download(run("https://cdn.example/a.png"), dir)))
        .isInstanceOf(DownloadException.class).hasMessageContaining("more than 5 redirects");
    assertThat(server.received()).hasSize(6);
    assertThat(left()).isEmpty();
  }

  @Test
  void aSucceededRunWithoutOutputIsADownloadException() {
    client(r -> png());
    Run empty = Run.builder(RunId.of("run-2"), RunStatus.SUCCEEDED).build();
    assertThat(EngineTestSupport.failure(client.download(empty, dir)))
        .isInstanceOf(DownloadException.class).hasMessageContaining("no output URLs");
  }

  @Test
  void closingTheClientCancelsADownloadInFlightAndDeletesItsPartFile() throws Exception {
    client(r -> r.request().uri().getPath().endsWith("2.png") ? Reply.hang() : png());
    CompletableFuture<List<Path>> files = client.download(run("https://cdn.example/1.png", "https://cdn.example/2.png"), dir);
    assertThat(server.hangs.tryAcquire(10, TimeUnit.SECONDS)).as("the second image is on its way").isTrue();
    assertThat(left()).as("the part files of both images").hasSize(2)
        .allMatch(p -> p.getFileName().toString().startsWith(".run-7-") && p.getFileName().toString().endsWith(".part"));

    client.close();

    assertThat(left()).as("deleted before close() returned").isEmpty();
    assertThat(EngineTestSupport.failure(files)).isInstanceOf(CancelledException.class).hasMessageContaining("closed");
    assertThat(server.cancellations.tryAcquire(10, TimeUnit.SECONDS)).as("the request in flight was cancelled").isTrue();
  }

  @Test
  void cancellingADownloadDeletesItsPartFiles() throws Exception {
    client(r -> Reply.hang());
    CompletableFuture<List<Path>> files = client.download(run("https://cdn.example/1.png"), dir);
    assertThat(server.hangs.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    assertThat(left()).hasSize(1);

    files.cancel(true);

    org.awaitility.Awaitility.await("part files deleted").atMost(Duration.ofSeconds(10)).until(() -> left().isEmpty());
    assertThat(server.cancellations.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aDownloadStartedOnAClosedClientFailsWithoutAFile() throws Exception {
    client(r -> png());
    client.close();
    assertThat(EngineTestSupport.failure(client.download(run("https://cdn.example/1.png"), dir)))
        .isInstanceOf(CancelledException.class);
    assertThat(left()).isEmpty();
    assertThat(server.received()).isEmpty();
  }
}
