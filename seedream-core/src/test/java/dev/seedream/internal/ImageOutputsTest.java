package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.CancelledException;
import dev.seedream.DownloadException;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import dev.seedream.RunId;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageOutputsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 1, 2, 3, 4};
  private static final RunId RUN = RunId.of("run-1");

  private static ImageBody body(ImageOutput output, long maxBytes) {
    return new ImageBody(output, maxBytes, RUN, 0, "image 1 of run run-1", Runnable::run, (bytes, total) -> {});
  }

  @Test
  void theImagesOfOneCallShareTheMemoryBound() {
    AtomicLong left = new AtomicLong(20);
    ImageBody first = body(new ImageOutputs.MemoryOutput(left, 20), 1000);
    ImageBody second = body(new ImageOutputs.MemoryOutput(left, 20), 1000);

    first.write(ByteBuffer.wrap(PNG));
    assertThat(first.finish("image/png").mediaType()).isEqualTo("image/png");
    assertThatThrownBy(() -> second.write(ByteBuffer.wrap(PNG)))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("at most 20 bytes in memory")
        .hasMessageContaining("into a directory or a sink");
    second.discard(null);
    assertThat(left.get()).isEqualTo(4);
  }

  @Test
  void aSinkIsOpenedOnlyOnceTheTypeIsKnownAndGetsEveryByteInOrder() {
    List<ImageInfo> opened = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageSink sink = info -> {
      opened.add(info);
      return out;
    };
    ImageBody body = body(new ImageOutputs.SinkOutput(sink), 1000);
    body.begin(HttpResponse.of(200, Map.of("Content-Length", List.of("16")), new byte[0]));

    for (byte b : PNG) {
      if (opened.isEmpty()) {
        assertThat(out.size()).isZero();
      }
      body.write(ByteBuffer.wrap(new byte[] {b}));
    }
    ImageInfo info = body.finish(null);

    assertThat(opened).containsExactly(info);
    assertThat(info.declaredLength()).hasValue(16);
    assertThat(out.toByteArray()).isEqualTo(PNG);
  }

  @Test
  void anImageWhoseBytesWentToTheSinkIsNotFetchedAgainAndTheSinkIsTold() {
    List<ImageInfo> failed = new ArrayList<>();
    List<String> events = new ArrayList<>();
    ImageSink sink = new ImageSink() {
      @Override
      public OutputStream open(ImageInfo image) {
        return new ByteArrayOutputStream() {
          @Override
          public void close() {
            events.add("closed");
          }
        };
      }

      @Override
      public void failed(ImageInfo image, Throwable cause) {
        events.add("failed");
        failed.add(image);
      }
    };
    ImageBody body = body(new ImageOutputs.SinkOutput(sink), 1000);
    body.reset(); // before the first attempt: nothing went out yet
    body.write(ByteBuffer.wrap(PNG));

    assertThatThrownBy(body::reset)
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("after its first bytes went to the sink, so it is not fetched again");
    body.discard(new IllegalStateException("reset"));
    body.discard(new IllegalStateException("again"));
    assertThat(events).containsExactly("closed", "failed");
    assertThat(failed).extracting(ImageInfo::fileName).containsExactly("run-1-1.png");
  }

  @Test
  void aPartFileMayStartOverButItsBytesAreNotWrittenTwice(@TempDir Path dir) throws Exception {
    PartFiles.PartFile part = PartFiles.create(dir, ".run-1-1-");
    ImageBody body = body(new ImageOutputs.PartFileOutput(part), 1000);
    body.write(ByteBuffer.wrap("garbage-first-attempt".getBytes(StandardCharsets.US_ASCII)));
    body.reset();
    body.write(ByteBuffer.wrap(PNG));
    assertThat(body.finish("image/png").extension()).isEqualTo("png");
    assertThat(Files.readAllBytes(part.path())).isEqualTo(PNG);
  }

  @Test
  void aLateWriteOfAnEarlierAttemptNeverLandsInTheOutputOfTheNext(@TempDir Path dir) throws Exception {
    PartFiles.PartFile part = PartFiles.create(dir, ".run-1-1-");
    List<Runnable> queued = new ArrayList<>();
    ImageBody body = new ImageBody(new ImageOutputs.PartFileOutput(part), 1000, RUN, 0, "image 1 of run run-1",
        queued::add, (bytes, total) -> {});
    AsyncBodySink first = body.async();
    CompletableFuture<Void> late = first
        .write(ByteBuffer.wrap("stale-bytes-of-attempt-one".getBytes(StandardCharsets.US_ASCII)))
        .toCompletableFuture();

    body.reset(); // the engine's retry begins while attempt one's write still waits for a thread
    CompletableFuture<Void> fresh = body.async().write(ByteBuffer.wrap(PNG)).toCompletableFuture();
    queued.forEach(Runnable::run);

    assertThat(late).isCompletedExceptionally();
    assertThatThrownBy(late::join).hasCauseInstanceOf(CancelledException.class);
    assertThat(fresh).isCompleted().isNotCompletedExceptionally();
    assertThat(body.finish("image/png").extension()).isEqualTo("png");
    assertThat(Files.readAllBytes(part.path())).isEqualTo(PNG);
  }

  @Test
  void gatheredChunksReachAPartFileWholeAndInOrder(@TempDir Path dir) throws Exception {
    PartFiles.PartFile part = PartFiles.create(dir, ".run-1-1-");
    ImageBody body = body(new ImageOutputs.PartFileOutput(part), 1000);
    List<ByteBuffer> chunks = new ArrayList<>();
    for (int i = 0; i < PNG.length; i += 3) {
      ByteBuffer chunk = ByteBuffer.allocateDirect(Math.min(3, PNG.length - i));
      chunk.put(PNG, i, chunk.remaining()).flip();
      chunks.add(chunk);
    }

    body.async().write(chunks).toCompletableFuture().join();

    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.hasRemaining()).isFalse());
    assertThat(body.written()).isEqualTo(PNG.length);
    assertThat(body.finish("image/png").extension()).isEqualTo("png");
    assertThat(Files.readAllBytes(part.path())).isEqualTo(PNG);
  }

  @Test
  void aBodyShorterThanItsContentLengthIsNotAnImage() {
    ImageBody body = body(new ImageOutputs.MemoryOutput(new AtomicLong(1000), 1000), 1000);
    body.begin(HttpResponse.of(200, Map.of("Content-Length", List.of("32")), new byte[0]));
    body.write(ByteBuffer.wrap(PNG));

    assertThatThrownBy(() -> body.finish(null))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("ended after 16 of the 32 bytes");
  }

  @Test
  void aWriteStillQueuedWhenTheClientClosesFailsInsteadOfStayingPending() throws Exception {
    ExecutorService io = Blocking.boundedExecutor("outputs-test", 1);
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    io.execute(() -> {
      busy.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    ImageBody body = new ImageBody(new ImageOutputs.MemoryOutput(new AtomicLong(1000), 1000), 1000, RUN, 0,
        "image 1 of run run-1", io, (bytes, total) -> {});
    CompletableFuture<Void> queued = body.async().write(ByteBuffer.wrap(PNG)).toCompletableFuture();

    Blocking.shutdown(io); // what closing the client does to its I/O pool

    assertThat(queued).as("a transport waits for this stage before it releases the buffer").isCompletedExceptionally();
    assertThatThrownBy(queued::join).hasCauseInstanceOf(CancelledException.class);
    assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }
}
