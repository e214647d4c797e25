package dev.seedream;

import dev.seedream.internal.Engine;
import dev.seedream.internal.Futures;
import dev.seedream.internal.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The non-blocking client: every method returns at once with a {@link CompletableFuture}.
 *
 * <p>One engine per client owns all its requests: they pass one rate budget (Runbase allows 20
 * requests in any 10 s per key), failures worth retrying are retried with backoff, and the waits of
 * all runs in flight share one poll scheduling. Create one client per key and share it.
 *
 * <pre>{@code
 * try (SeedreamAsyncClient client = SeedreamAsyncClient.fromEnv()) {
 *   GenerationRequest request = GenerationRequest.builder()
 *       .prompt("A cinematic product photo of a ceramic lamp")
 *       .aspectRatio(AspectRatio.RATIO_16_9)
 *       .build();
 *   List<Path> files = client.generate(request)
 *       .thenCompose(run -> client.download(run, Path.of("out")))
 *       .join();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Thread-safe. Futures complete on the transport's or the engine's threads: use
 * the {@code *Async} stages of {@code CompletableFuture} for blocking work. <b>Errors.</b> Futures
 * fail with the {@link SeedreamException} subclasses (a dependent stage sees them wrapped in a
 * {@link java.util.concurrent.CompletionException}). <b>Cancellation.</b> Cancelling a future stops
 * its work at once: the polling of its run, its place in the budget queue, its request in flight.
 */
public final class SeedreamAsyncClient implements AutoCloseable {
  private final Engine engine;
  private final Scope scope;

  SeedreamAsyncClient(Engine engine) {
    this(engine, null);
  }

  private SeedreamAsyncClient(Engine engine, CallContext context) {
    this.engine = engine;
    this.scope = engine.scope(context);
  }

  /** A client with the key from {@code RUNBASE_API_KEY} and the transport on the classpath. */
  public static SeedreamAsyncClient fromEnv() {
    return builder().build();
  }

  /** A builder; see {@link ClientBuilder} for every setting and its default. */
  public static ClientBuilder<SeedreamAsyncClient> builder() {
    return ClientBuilder.of(client -> client, true);
  }

  /**
   * Creates a run within the client's default deadline; completes with its id as soon as Runbase
   * has accepted it. Fails with {@link RunMayExistException} when the create may have reached
   * Runbase without a readable answer (it is never sent twice).
   */
  public CompletableFuture<RunId> submit(RunInput input) {
    return traced("submit", input, call -> engine.submit(input, null, call));
  }

  /**
   * Creates a run within {@code deadline}, waits for the rate budget and retries included; fails
   * with {@link DeadlineExceededException} (nothing was created) if it passes while the create
   * waits, or {@link RunMayExistException} if it passes while the create is in flight.
   */
  public CompletableFuture<RunId> submit(RunInput input, Duration deadline) {
    Duration checked = RetryPolicy.positive(deadline, "deadline");
    return traced("submit", input, call -> engine.submit(input, checked, call));
  }

  /** Reads a run once, as it stands. */
  public CompletableFuture<Run> get(RunId runId) {
    return traced("get", null, call -> engine.get(runId, call));
  }

  /**
   * Waits for a run to end, within the client's default deadline. Completes with the run once it
   * has succeeded; fails with {@link RunFailedException} if it failed, {@link
   * DeadlineExceededException} if the deadline passed first.
   */
  public CompletableFuture<Run> await(RunId runId) {
    return traced("await", null, call -> engine.await(runId, null, run -> {}, call));
  }

  /** Waits for a run to end within {@code deadline}. */
  public CompletableFuture<Run> await(RunId runId, Duration deadline) {
    Duration checked = RetryPolicy.positive(deadline, "deadline");
    return traced("await", null, call -> engine.await(runId, checked, run -> {}, call));
  }

  /**
   * Waits for a run to end within the client's default deadline, as {@link #await(RunId)} does,
   * telling {@code onUpdate} of each status change as it is seen. {@code onUpdate} runs on the
   * engine's or the transport's threads and must not block.
   *
   * @since 0.1.0
   */
  public CompletableFuture<Run> watch(RunId runId, Consumer<Run> onUpdate) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(onUpdate, "onUpdate");
    return traced("watch", null, call -> engine.await(runId, null, onUpdate, call));
  }

  /** Waits for a run to end within {@code deadline}, telling {@code onUpdate} of each status change. */
  public CompletableFuture<Run> watch(RunId runId, Duration deadline, Consumer<Run> onUpdate) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(onUpdate, "onUpdate");
    Duration checked = RetryPolicy.positive(deadline, "deadline");
    return traced("watch", null, call -> engine.await(runId, checked, onUpdate, call));
  }

  /** Creates a run and waits for it within the client's default deadline. */
  public CompletableFuture<Run> generate(RunInput input) {
    return generate(input, engine.defaultDeadline());
  }

  /**
   * Creates a run and waits for it; {@code deadline} covers both, the create's waits for the rate
   * budget and its retries included.
   */
  public CompletableFuture<Run> generate(RunInput input, Duration deadline) {
    Objects.requireNonNull(input, "input");
    long end = engine.nanoTime() + RetryPolicy.positive(deadline, "deadline").toNanos();
    return traced("generate", input, call -> Futures.chain(engine.submit(input, deadline, call), runId -> {
      Duration left = Duration.ofNanos(Math.max(1, end - engine.nanoTime()));
      return engine.await(runId, deadline, left, run -> {}, call);
    }));
  }

  /**
   * Downloads the images of a succeeded run into {@code directory} (created if needed), as {@code
   * <run id>-<n>.<ext>}, streamed to disk; the extension comes from each image's first bytes (else
   * its {@code image/*} Content-Type). All or nothing: on failure, cancellation or {@link #close()},
   * no file of this call is left, not even a hidden part file. Each image is at most {@code
   * maxImageBytes} and must be an image; output URLs and redirects must be {@code http(s)} without
   * user info. The API key is never sent to an origin other than the API's.
   *
   * <p>Fails with {@link DownloadException} (see its cases), {@link TransportException} once retries
   * are spent, or {@link CancelledException}.
   */
  public CompletableFuture<List<Path>> download(Run run, Path directory) {
    return traced("download", null, call -> engine.download(run, directory, call));
  }

  /**
   * Streams each image of a succeeded run into the {@link java.io.OutputStream} that {@code sink}
   * opens for it, one after the other, without a temporary file (an object storage upload, say);
   * completes with what the sink was told of each image. The same bounds and rules as {@link
   * #download(Run, Path)}: each image at most {@code maxImageBytes} and an image, output URLs and
   * redirects plain {@code http(s)}, the key only to the API's origin. The sink's calls run on the
   * client's I/O threads and may block. On failure, the stream of the failing image is closed and
   * {@link ImageSink#failed} told; images before it were delivered whole.
   *
   * @since 0.1.0
   */
  public CompletableFuture<List<ImageInfo>> download(Run run, ImageSink sink) {
    return traced("download", null, call -> engine.download(run, sink, call));
  }

  /**
   * The images of a succeeded run in memory, for small images: each at most {@code maxImageBytes},
   * all together at most {@link ImageBytes#MAX_TOTAL_BYTES} (else a {@link DownloadException}:
   * download into a directory or a sink instead). The same rules as {@link #download(Run, Path)}.
   *
   * @since 0.1.0
   */
  public CompletableFuture<List<ImageBytes>> downloadBytes(Run run) {
    return traced("downloadBytes", null, call -> engine.downloadBytes(run, call));
  }

  /**
   * A view of this client for the calls of one job: the same engine (budget, polling,
   * connections), and every event of its calls told to the context's listener and, through {@link
   * SeedreamListener#forCall}, to the client's; every log line of its calls carries the tag.
   * Closing the view does nothing (it owns nothing): close the client it came from.
   *
   * <pre>{@code
   * SeedreamAsyncClient job = client.withContext(CallContext.of("order-4711").withListener(progress));
   * job.generate(request);                         // progress hears this call's events, and no other's
   * }</pre>
   *
   * @since 0.1.0
   */
  public SeedreamAsyncClient withContext(CallContext context) {
    return new SeedreamAsyncClient(engine, Objects.requireNonNull(context, "context"));
  }

  /**
   * Runs one call of the face in a scope of its own, telling the listeners when it starts and ends.
   *
   * @param input what the call creates a run of, or null
   */
  private <T> CompletableFuture<T> traced(
      String operation, RunInput input, Function<Scope, CompletableFuture<T>> work) {
    Scope call = scope.begin(operation, input);
    CompletableFuture<T> result;
    try {
      result = work.apply(call);
    } catch (RuntimeException e) {
      call.end(scope, e);
      throw e;
    }
    // the caller sees the result once the listeners have heard the call's end
    return Futures.whenDone(result, (value, error) -> call.end(scope, error));
  }

  /** {@code SeedreamAsyncClient{baseUrl=https://runbase.net, transport=ApacheHttpTransport (blocking), key=sk-...4f60}}: the key redacted. */
  @Override
  public String toString() {
    return "SeedreamAsyncClient{" + describe() + "}";
  }

  /** The engine's settings as {@link #toString()} shows them, for the other faces of this client. */
  String describe() {
    return engine.describe() + (scope.context() == null ? "" : ", context=" + scope.context().tag());
  }

  /**
   * Stops all waits (they fail with {@link CancelledException}) and frees threads and connections;
   * on a {@link #withContext view}, does nothing.
   */
  @Override
  public void close() {
    if (scope.context() == null) {
      engine.close();
    }
  }
}
