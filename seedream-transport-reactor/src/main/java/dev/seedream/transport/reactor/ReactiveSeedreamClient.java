package dev.seedream.transport.reactor;

import dev.seedream.CallContext;
import dev.seedream.ClientBuilder;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.SeedreamAsyncClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive client: {@link Mono} and {@link Flux} over the same engine as the other clients
 * (one rate budget, shared polling, retries), on Reactor's timers.
 *
 * <pre>{@code
 * ReactiveSeedreamClient client = ReactiveSeedreamClient.fromEnv();
 * Flux<Path> files = client.generate(GenerationRequest.builder()
 *         .prompt("A cinematic product photo of a ceramic lamp")
 *         .aspectRatio(AspectRatio.RATIO_16_9)
 *         .build())
 *     .flatMapMany(run -> client.download(run, Path.of("out")));
 * }</pre>
 *
 * <p><b>Laziness.</b> Nothing is sent until subscription; each subscription sends anew. <b>Cancellation.</b>
 * Disposing a subscription stops that run's polling at once and releases its connection. <b>Threads.</b>
 * Signals arrive on Netty's event loops or Reactor's parallel scheduler: do not block in operators;
 * no method of the client blocks. <b>Errors.</b> The {@link dev.seedream.SeedreamException} subclasses,
 * as for {@link dev.seedream.SeedreamClient}.
 *
 * @since 0.1.0
 */
public final class ReactiveSeedreamClient implements AutoCloseable {
  private final SeedreamAsyncClient async;

  private ReactiveSeedreamClient(SeedreamAsyncClient async) {
    this.async = async;
  }

  /** A client with the key from {@code RUNBASE_API_KEY} and the transport on the classpath. */
  public static ReactiveSeedreamClient fromEnv() {
    return builder().build();
  }

  /**
   * A builder; see {@link ClientBuilder} for every setting. Its timers run on {@link
   * Schedulers#parallel()} as it is when the builder is made, so a client built inside {@code
   * StepVerifier.withVirtualTime} runs on virtual time.
   */
  public static ClientBuilder<ReactiveSeedreamClient> builder() {
    return ClientBuilder.of(ReactiveSeedreamClient::new, true)
        .scheduler(ReactorTaskScheduler.of(Schedulers.parallel()));
  }

  /**
   * Creates a run within the client's default deadline; emits its id once Runbase has accepted it,
   * or errors with {@link dev.seedream.RunMayExistException} when the create may have reached
   * Runbase without a readable answer (it is never sent twice).
   */
  public Mono<RunId> submit(RunInput input) {
    Objects.requireNonNull(input, "input");
    return mono(() -> async.submit(input));
  }

  /** Creates a run within {@code deadline}, waits for the rate budget and retries included. */
  public Mono<RunId> submit(RunInput input, Duration deadline) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(deadline, "deadline");
    return mono(() -> async.submit(input, deadline));
  }

  /** Reads a run once. */
  public Mono<Run> get(RunId runId) {
    Objects.requireNonNull(runId, "runId");
    return mono(() -> async.get(runId));
  }

  /** Waits for a run to end within the client's default deadline; emits it once succeeded. */
  public Mono<Run> await(RunId runId) {
    Objects.requireNonNull(runId, "runId");
    return mono(() -> async.await(runId));
  }

  /** Waits for a run to end within {@code deadline}. */
  public Mono<Run> await(RunId runId, Duration deadline) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(deadline, "deadline");
    return mono(() -> async.await(runId, deadline));
  }

  /** Creates a run and waits for it within the client's default deadline. */
  public Mono<Run> generate(RunInput input) {
    Objects.requireNonNull(input, "input");
    return mono(() -> async.generate(input));
  }

  /** Creates a run and waits for it; {@code deadline} covers both. */
  public Mono<Run> generate(RunInput input, Duration deadline) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(deadline, "deadline");
    return mono(() -> async.generate(input, deadline));
  }

  /**
   * Each status of a run as it changes, until a terminal one: completes after {@code succeeded},
   * errors with {@link dev.seedream.RunFailedException} after {@code failed}, or with {@link
   * dev.seedream.DeadlineExceededException} at the client's default deadline. The {@code watch} of
   * the other clients, with the updates as a {@code Flux} instead of a callback.
   *
   * @since 0.1.0
   */
  public Flux<Run> watch(RunId runId) {
    Objects.requireNonNull(runId, "runId");
    return watching(onUpdate -> async.watch(runId, onUpdate));
  }

  /** Each status of a run as it changes, until a terminal one or {@code deadline}. */
  public Flux<Run> watch(RunId runId, Duration deadline) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(deadline, "deadline");
    return watching(onUpdate -> async.watch(runId, deadline, onUpdate));
  }

  private static Flux<Run> watching(Function<Consumer<Run>, CompletableFuture<Run>> watch) {
    return Flux.create(sink -> {
      CompletableFuture<Run> wait = watch.apply(sink::next);
      sink.onDispose(() -> wait.cancel(true));
      wait.whenComplete((run, error) -> {
        if (error == null) {
          sink.complete();
        } else {
          sink.error(unwrap(error));
        }
      });
    });
  }

  /**
   * Downloads the images of a succeeded run into {@code directory}; emits each file once all are
   * written (all or nothing). File writes run on the engine's own threads, never on an event loop.
   */
  public Flux<Path> download(Run run, Path directory) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(directory, "directory");
    return mono(() -> async.download(run, directory)).flatMapIterable(files -> files);
  }

  /**
   * Streams each image of a succeeded run into the stream that {@code sink} opens for it (see
   * {@link SeedreamAsyncClient#download(Run, ImageSink)}); emits what the sink was told of each
   * image once all are written. The sink runs on the engine's own threads, never on an event loop.
   *
   * @since 0.1.0
   */
  public Flux<ImageInfo> download(Run run, ImageSink sink) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(sink, "sink");
    return mono(() -> async.download(run, sink)).flatMapIterable(images -> images);
  }

  /**
   * The images of a succeeded run in memory, for small images (see {@link
   * SeedreamAsyncClient#downloadBytes(Run)}); emitted once all have arrived.
   *
   * @since 0.1.0
   */
  public Flux<ImageBytes> downloadBytes(Run run) {
    Objects.requireNonNull(run, "run");
    return mono(() -> async.downloadBytes(run)).flatMapIterable(images -> images);
  }

  /**
   * A view of this client for the calls of one job, as {@link
   * SeedreamAsyncClient#withContext(CallContext)}: the same engine, the events of its calls told to
   * the context's listener, its log lines tagged. Closing the view does nothing: close the client it came from.
   *
   * @since 0.1.0
   */
  public ReactiveSeedreamClient withContext(CallContext context) {
    return new ReactiveSeedreamClient(async.withContext(context));
  }

  /** {@code ReactiveSeedreamClient{baseUrl=.., transport=ReactorNettyTransport (non-blocking), key=sk-...4f60}}: the key redacted. */
  @Override
  public String toString() {
    String engine = async.toString();
    return "ReactiveSeedreamClient" + engine.substring(engine.indexOf('{'));
  }

  /** Stops all waits and frees threads and connections; on a {@link #withContext view}, does nothing. */
  @Override
  public void close() {
    async.close();
  }

  private static <T> Mono<T> mono(Supplier<CompletableFuture<T>> call) {
    return Mono.fromFuture(call, false).onErrorMap(CompletionException.class, ReactiveSeedreamClient::unwrap);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
