package dev.seedream;

import dev.seedream.internal.Blocking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The blocking client: each method returns when its work is done.
 *
 * <p>One engine per client owns all its requests: they pass one rate budget (Runbase allows 20
 * requests in any 10 s per key), failures worth retrying are retried with backoff, and the waits of
 * all threads' runs share one poll scheduling. Create one client per key and share it between
 * threads.
 *
 * <pre>{@code
 * try (SeedreamClient client = SeedreamClient.fromEnv()) {       // RUNBASE_API_KEY
 *   Run run = client.generate(GenerationRequest.builder()
 *       .prompt("A cinematic product photo of a ceramic lamp")
 *       .aspectRatio(AspectRatio.RATIO_16_9)
 *       .quality(Quality.HIGH)
 *       .build());                                                  // create, wait, succeeded
 *   List<Path> files = client.download(run, Path.of("out"));       // streamed; no key to the CDN
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Thread-safe. <b>Errors.</b> Methods throw the {@link SeedreamException}
 * subclasses: {@link dev.seedream.validation.ValidationException} before anything is sent, {@link
 * ApiException} subclasses for error answers, {@link RunFailedException}, {@link
 * DeadlineExceededException}, {@link TransportException}, {@link MalformedResponseException}.
 * <b>Interruption.</b> Interrupting a waiting thread stops the work of its call at once and throws
 * {@link CancelledException} with the interrupt flag set (a create that may have reached Runbase
 * throws {@link RunMayExistException}, the flag set too).
 * <b>Where requests run.</b> When the transport ends its exchanges by their timeout itself ({@link
 * dev.seedream.spi.HttpTransport#enforcesTimeout()}, as the Apache transport does) and the rate budget
 * has a permit at once, the first request of a call runs on the calling thread, which waits anyway;
 * everything else (requests that waited for the budget, retries, later polls) runs on the client's
 * {@code seedream-io} threads.
 */
public final class SeedreamClient implements AutoCloseable {
  private final SeedreamAsyncClient async;

  private SeedreamClient(SeedreamAsyncClient async) {
    this.async = async;
  }

  /** A client with the key from {@code RUNBASE_API_KEY} and the transport on the classpath. */
  public static SeedreamClient fromEnv() {
    return builder().build();
  }

  /** A builder; see {@link ClientBuilder} for every setting and its default. */
  public static ClientBuilder<SeedreamClient> builder() {
    return ClientBuilder.of(SeedreamClient::new, false);
  }

  /** The same client's non-blocking face; both share one engine and one budget. */
  public SeedreamAsyncClient async() {
    return async;
  }

  /**
   * Creates a run within the client's default deadline and returns its id as soon as Runbase has
   * accepted it.
   *
   * @throws RunMayExistException if the create may have reached Runbase without a readable answer
   *     (it is never sent twice)
   */
  public RunId submit(RunInput input) {
    return Blocking.call(() -> async.submit(input), null);
  }

  /**
   * Creates a run within {@code deadline}, waits for the rate budget and retries included.
   *
   * @throws DeadlineExceededException if it passed while the create waited (nothing was created)
   * @throws RunMayExistException if it passed while the create was in flight, or the create got no
   *     readable answer
   */
  public RunId submit(RunInput input, Duration deadline) {
    return Blocking.call(() -> async.submit(input, deadline), null);
  }

  /** Reads a run once, as it stands. */
  public Run get(RunId runId) {
    return Blocking.call(() -> async.get(runId), runId);
  }

  /**
   * Waits for a run to end within the client's default deadline and returns it once succeeded.
   *
   * @throws RunFailedException if it failed
   * @throws DeadlineExceededException if the deadline passed first
   */
  public Run await(RunId runId) {
    return Blocking.call(() -> async.await(runId), runId);
  }

  /** Waits for a run to end within {@code deadline}. */
  public Run await(RunId runId, Duration deadline) {
    return Blocking.call(() -> async.await(runId, deadline), runId);
  }

  /**
   * Waits for a run to end within the client's default deadline, as {@link #await(RunId)} does,
   * telling {@code onUpdate} of each status change as it is seen (a progress line, say). {@code
   * onUpdate} runs on the engine's threads, not the caller's, and must not block.
   *
   * @since 0.1.0
   */
  public Run watch(RunId runId, Consumer<Run> onUpdate) {
    return Blocking.call(() -> async.watch(runId, onUpdate), runId);
  }

  /** Waits for a run to end within {@code deadline}, telling {@code onUpdate} of each status change. */
  public Run watch(RunId runId, Duration deadline, Consumer<Run> onUpdate) {
    return Blocking.call(() -> async.watch(runId, deadline, onUpdate), runId);
  }

  /** Creates a run and waits for it within the client's default deadline. */
  public Run generate(RunInput input) {
    return Blocking.call(() -> async.generate(input), null);
  }

  /** Creates a run and waits for it; {@code deadline} covers both, the create's retries included. */
  public Run generate(RunInput input, Duration deadline) {
    return Blocking.call(() -> async.generate(input, deadline), null);
  }

  /**
   * Downloads the images of a succeeded run into {@code directory} (created if needed), as {@code
   * <run id>-<n>.<ext>}, as {@link SeedreamAsyncClient#download} does. All or nothing: on failure,
   * interruption or {@link #close()} no file of this call is left, not even a hidden part file.
   *
   * @throws DownloadException if an image cannot be fetched, is too large or not an image, an output
   *     URL or redirect is not plain {@code http(s)}, or a file cannot be written
   */
  public List<Path> download(Run run, Path directory) {
    return Blocking.await(async.download(run, directory), run.id());
  }

  /**
   * Streams each image of a succeeded run into the {@link java.io.OutputStream} that {@code sink}
   * opens for it, as {@link SeedreamAsyncClient#download(Run, ImageSink)} does; returns what the
   * sink was told of each image.
   *
   * <pre>{@code
   * List<ImageInfo> sent = client.download(run, image -> storage.upload(image.fileName(), image.mediaType()));
   * }</pre>
   *
   * @throws DownloadException if an image cannot be fetched, is too large or not an image, or the
   *     sink fails
   * @since 0.1.0
   */
  public List<ImageInfo> download(Run run, ImageSink sink) {
    return Blocking.await(async.download(run, sink), run.id());
  }

  /**
   * The images of a succeeded run in memory, for small images, as {@link
   * SeedreamAsyncClient#downloadBytes(Run)} does.
   *
   * @since 0.1.0
   */
  public List<ImageBytes> downloadBytes(Run run) {
    return Blocking.await(async.downloadBytes(run), run.id());
  }

  /**
   * A view of this client for the calls of one job, as {@link
   * SeedreamAsyncClient#withContext(CallContext)}: the same engine, the events of its calls told to
   * the context's listener, its log lines tagged. Closing the view does nothing: close the client it came from.
   *
   * <pre>{@code
   * Run run = client.withContext(CallContext.of("order-4711").withListener(progress)).generate(request);
   * }</pre>
   *
   * @since 0.1.0
   */
  public SeedreamClient withContext(CallContext context) {
    return new SeedreamClient(async.withContext(context));
  }

  /** {@code SeedreamClient{baseUrl=https://runbase.net, transport=ApacheHttpTransport (blocking), key=sk-...4f60}}: the key redacted. */
  @Override
  public String toString() {
    return "SeedreamClient{" + async.describe() + "}";
  }

  /** Stops all waits and frees threads and connections; on a {@link #withContext view}, does nothing. */
  @Override
  public void close() {
    async.close();
  }
}
