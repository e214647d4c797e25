package dev.seedream.internal;

import dev.seedream.ApiKey;
import dev.seedream.CallContext;
import dev.seedream.CancelledException;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
import dev.seedream.ImageSink;
import dev.seedream.MalformedResponseException;
import dev.seedream.PollPolicy;
import dev.seedream.RetryPolicy;
import dev.seedream.Run;
import dev.seedream.RunError;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.RateBudget;
import dev.seedream.spi.TaskScheduler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The run engine of one client: every request of the client goes through its rate budget, retry
 * policy and timeouts, and every wait for a run through its shared poll scheduling. Knows runs, not
 * Seedream: the model is a {@link RunInput}.
 *
 * <p>Thread-safe. Futures complete on the transport's or the scheduler's threads.
 */
public final class Engine implements AutoCloseable {
  private static final String USER_AGENT = "seedream-java/0.1.0";
  private static final int MAX_REMEMBERED_RUNS = 10_000;

  private final ApiKey apiKey;
  private final URI baseUrl;
  private final String runsUrl;
  private final JsonCodec codec;
  private final TaskScheduler scheduler;
  private final boolean ownsScheduler;
  private final PollPolicy pollPolicy;
  private final Duration attemptTimeout;
  private final Duration defaultDeadline;
  private final long maxResponseBytes;
  private final SeedreamListener listener;
  private final Exchanger exchanger;
  private final ExecutorService executor;
  private final BudgetGate gate;
  private final RateBudget budget;
  private final Requests requests;
  private final Downloader downloader;
  private final DurationEstimator estimator = new DurationEstimator();
  private final Map<RunId, Submitted> submitted = remembered();
  private final Map<RunId, RunStatus> ended = remembered();
  private final Set<RunWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  /** The scope of calls made without a context. */
  private final Scope noContext;
  /** The transport, as {@link #toString()} shows it. */
  private final String transport;

  /** When and with which duration class a run was created by this engine. */
  record Submitted(long startNanos, String durationClass) {}

  /** Everything an engine is made of; built by the client builder. */
  public record Settings(
      ApiKey apiKey,
      URI baseUrl,
      JsonCodec codec,
      TaskScheduler scheduler,
      boolean ownsScheduler,
      RateBudget rateBudget,
      RetryPolicy retryPolicy,
      PollPolicy pollPolicy,
      Duration attemptTimeout,
      Duration downloadTimeout,
      Duration defaultDeadline,
      long maxResponseBytes,
      int maxInFlight,
      SeedreamListener listener,
      ExecutorService executor,
      long maxImageBytes) {}

  private Engine(Settings settings, Exchanger exchanger, String transport) {
    this.transport = transport;
    this.apiKey = settings.apiKey();
    this.baseUrl = settings.baseUrl();
    String base = settings.baseUrl().toString();
    this.runsUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/runs";
    this.codec = settings.codec();
    this.scheduler = settings.scheduler();
    this.ownsScheduler = settings.ownsScheduler();
    this.pollPolicy = settings.pollPolicy();
    this.attemptTimeout = settings.attemptTimeout();
    this.defaultDeadline = settings.defaultDeadline();
    this.maxResponseBytes = settings.maxResponseBytes();
    this.listener = settings.listener();
    this.executor = settings.executor();
    this.exchanger = exchanger;
    this.budget = settings.rateBudget();
    this.gate = new BudgetGate(settings.rateBudget(), scheduler, settings.maxInFlight());
    this.noContext = Scope.of(listener);
    this.requests =
        new Requests(exchanger, gate, scheduler, settings.retryPolicy(), codec, apiKey);
    this.downloader =
        new Downloader(this, requests, executor, settings.downloadTimeout(), maxResponseBytes,
            settings.maxImageBytes());
  }

  /** An engine over a blocking transport, which runs on {@code settings.executor()}. */
  public static Engine blocking(Settings settings, dev.seedream.spi.HttpTransport transport, boolean ownsTransport) {
    return new Engine(settings, Exchanger.of(transport, ownsTransport, settings.executor(), settings.codec()),
        transport.getClass().getSimpleName() + " (blocking)");
  }

  /** An engine over a non-blocking transport. */
  public static Engine nonBlocking(Settings settings, dev.seedream.spi.AsyncHttpTransport transport, boolean ownsTransport) {
    return new Engine(settings, Exchanger.of(transport, ownsTransport, settings.codec()),
        transport.getClass().getSimpleName() + " (non-blocking)");
  }

  /**
   * Creates a run within {@code deadline} (null for the client's default); completes with its id.
   * Never sent twice unless the first attempt certainly created nothing; a create that may have
   * reached Runbase without a readable answer fails with {@link dev.seedream.RunMayExistException}.
   */
  public CompletableFuture<RunId> submit(RunInput input, Duration deadline) {
    return submit(input, deadline, noContext);
  }

  /** The scope of the calls made with {@code context}; null for none. */
  public Scope scope(CallContext context) {
    return context == null ? noContext : Scope.of(listener, context);
  }

  /** Creates a run, telling {@code scope} of its events. */
  public CompletableFuture<RunId> submit(RunInput input, Duration deadline, Scope scope) {
    Objects.requireNonNull(input, "input");
    if (closed) {
      return closedFuture();
    }
    byte[] body = codec.writeCreateRequest(input.model(), input.toWire());
    HttpRequest request = api(HttpRequest.post(URI.create(runsUrl), body))
        .header("Content-Type", "application/json")
        .build();
    long start = scheduler.nanoTime();
    Deadline limit = Deadline.of(deadline == null ? defaultDeadline : deadline, start);
    return Futures.map(requests.create(request, input, limit, this::decodeRun, scope), run -> {
      synchronized (submitted) {
        // the run's time starts at the create's answer, not before the create waited for the budget
        submitted.put(run.id(), new Submitted(scheduler.nanoTime(), input.durationClass()));
      }
      Listeners.safely(() -> scope.listener().runSubmitted(run.id(), input));
      return run.id();
    });
  }

  /** Reads a run once. */
  public CompletableFuture<Run> get(RunId runId) {
    return get(runId, noContext);
  }

  /** Reads a run once, telling {@code scope} of its events. */
  public CompletableFuture<Run> get(RunId runId, Scope scope) {
    Objects.requireNonNull(runId, "runId");
    if (closed) {
      return closedFuture();
    }
    return Futures.map(
        requests.read(readRequest(runId), runId, scheduler.nanoTime(), null, false, answer -> readAnswer(answer, runId),
            scope),
        this::observe);
  }

  /**
   * Waits for a run to end, polling within the shared budget.
   *
   * @param deadline how long to wait at most; null for the client's default
   * @param onUpdate told of each status change
   */
  public CompletableFuture<Run> await(RunId runId, Duration deadline, Consumer<Run> onUpdate) {
    return await(runId, deadline, onUpdate, noContext);
  }

  /** Waits for a run to end, telling {@code scope} of its events. */
  public CompletableFuture<Run> await(RunId runId, Duration deadline, Consumer<Run> onUpdate, Scope scope) {
    Duration wait = deadline == null ? defaultDeadline : deadline;
    return await(runId, wait, wait, onUpdate, scope);
  }

  /**
   * Waits for a run to end within {@code timeLeft}, part of a {@code deadline} that began before
   * (as in create-and-wait); errors name {@code deadline}.
   */
  public CompletableFuture<Run> await(RunId runId, Duration deadline, Duration timeLeft, Consumer<Run> onUpdate) {
    return await(runId, deadline, timeLeft, onUpdate, noContext);
  }

  /** As {@link #await(RunId, Duration, Duration, Consumer)}, telling {@code scope} of its events. */
  public CompletableFuture<Run> await(
      RunId runId, Duration deadline, Duration timeLeft, Consumer<Run> onUpdate, Scope scope) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(onUpdate, "onUpdate");
    if (closed) {
      return closedFuture();
    }
    Submitted origin;
    synchronized (submitted) {
      origin = submitted.get(runId);
    }
    RunWatch watch = new RunWatch(this, runId, origin, deadline, timeLeft, onUpdate, scope);
    watches.add(watch);
    if (closed) {
      watch.result().cancel(false);
    }
    return watch.start().result();
  }

  /** Downloads the images of a succeeded run into a directory. */
  public CompletableFuture<List<Path>> download(Run run, Path directory) {
    return download(run, directory, noContext);
  }

  /** Downloads into a directory, telling {@code scope} of its events. */
  public CompletableFuture<List<Path>> download(Run run, Path directory, Scope scope) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(directory, "directory");
    if (closed) {
      return closedFuture();
    }
    return downloader.download(run, directory, scope);
  }

  /** Streams the images of a succeeded run into the streams {@code sink} opens. */
  public CompletableFuture<List<ImageInfo>> download(Run run, ImageSink sink, Scope scope) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(sink, "sink");
    if (closed) {
      return closedFuture();
    }
    return downloader.download(run, sink, scope);
  }

  /** The images of a succeeded run, in memory. */
  public CompletableFuture<List<ImageBytes>> downloadBytes(Run run, Scope scope) {
    Objects.requireNonNull(run, "run");
    if (closed) {
      return closedFuture();
    }
    return downloader.downloadBytes(run, scope);
  }

  /** {@code baseUrl=https://runbase.net, transport=ApacheHttpTransport (blocking), key=sk-...4f60}: never the key. */
  public String describe() {
    return "baseUrl=" + Texts.redact(baseUrl.toString(), apiKey.secret(), apiKey.redacted())
        + ", transport=" + transport + ", key=" + apiKey.redacted();
  }

  /** The default deadline of waits. */
  public Duration defaultDeadline() {
    return defaultDeadline;
  }

  /** The scheduler's monotonic clock, for deadlines that span several calls. */
  public long nanoTime() {
    return scheduler.nanoTime();
  }

  /**
   * Stops every wait, cancels every download (deleting its part files), frees the transport (if the
   * client made it), the scheduler and the threads.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    downloader.close();
    for (RunWatch watch : new ArrayList<>(watches)) {
      watch.result().completeExceptionally(new CancelledException("the client was closed", null, null));
    }
    requests.close();
    gate.close();
    exchanger.close();
    if (budget instanceof SharedBudgets.Lease lease) {
      lease.close();
    }
    if (ownsScheduler) {
      scheduler.close();
    }
    Blocking.shutdown(executor);
  }

  /** One poll of a wait: retried until the wait's deadline while failures are safe to repeat. */
  Requests.Pending<Polled> poll(RunId runId, long dueNanos, Deadline deadline, Scope scope) {
    return requests.read(readRequest(runId), runId, dueNanos, deadline, true,
        answer -> new Polled(readAnswer(answer, runId), answer.header("Retry-After")), scope);
  }

  /** A poll's run, and the {@code Retry-After} its answer carried. */
  record Polled(Run run, Optional<String> retryAfter) {}

  private HttpRequest readRequest(RunId runId) {
    return api(HttpRequest.get(URI.create(runsUrl + "/" + PathSegments.encode(runId.value())))).build();
  }

  /** The run of an answer, with the key removed from what the server said about a failure. */
  Run decodeRun(HttpResponse response) {
    Run run = codec.readRun(response.body());
    if (run.error().isEmpty()) {
      return run;
    }
    RunError error = run.error().get();
    RunError scrubbed = RunError.of(requests.redact(error.message()), error.code().map(requests::redact).orElse(null));
    return scrubbed.equals(error) ? run : run.toBuilder().error(scrubbed).build();
  }

  /** The run of an answer to {@code GET /runs/{asked}}; an answer about another run cannot be read as this one. */
  private Run readAnswer(HttpResponse response, RunId asked) {
    Run run = decodeRun(response);
    if (!run.id().equals(asked)) {
      throw new MalformedResponseException("the answer to GET /api/v1/runs/" + asked + " is about run " + run.id()
          + ", not the run asked for");
    }
    return run;
  }

  /**
   * The run, checked against the rules of runs and what this engine saw of it before: a succeeded run
   * has output URLs, and a run that ended does not change its status. Remembers terminal statuses.
   *
   * @throws MalformedResponseException if the answer breaks either rule
   */
  Run observe(Run run) {
    if (run.status().equals(RunStatus.SUCCEEDED) && run.outputUrls().isEmpty()) {
      throw new MalformedResponseException("run " + run.id() + " is succeeded, but the answer lists no output"
          + " URLs: the server's answer is incomplete; read the run again later");
    }
    synchronized (ended) {
      RunStatus before = ended.get(run.id());
      if (before != null && !before.equals(run.status())) {
        throw new MalformedResponseException("run " + run.id() + " was " + before + " and is now " + run.status()
            + ": a run does not leave a terminal status, so the server's answers contradict each other");
      }
      if (run.isTerminal()) {
        ended.put(run.id(), run.status());
      }
    }
    return run;
  }

  void authorizeIfSameOrigin(URI url, HttpRequest.Builder request) {
    if (Origins.sameOrigin(url, baseUrl)) {
      request.header("Authorization", "Bearer " + apiKey.secret());
    }
  }

  private HttpRequest.Builder api(HttpRequest.Builder request) {
    return request
        .header("Authorization", "Bearer " + apiKey.secret())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .timeout(attemptTimeout)
        .maxResponseBytes(maxResponseBytes);
  }

  /** The wait before the next poll of a run submitted here, after {@code polls} polls of it. */
  Duration planPoll(Submitted run, int polls) {
    long[] learned = pollPolicy.learning() ? estimator.sorted(run.durationClass()) : new long[0];
    Duration elapsed = Duration.ofNanos(scheduler.nanoTime() - run.startNanos());
    return PollPlan.next(pollPolicy, learned, polls, elapsed, gate.backlog());
  }

  void recordDuration(String durationClass, Duration duration) {
    estimator.record(durationClass, duration);
  }

  void forget(RunWatch watch) {
    watches.remove(watch);
  }

  TaskScheduler scheduler() {
    return scheduler;
  }

  PollPolicy pollPolicy() {
    return pollPolicy;
  }

  SeedreamListener listener() {
    return listener;
  }

  /** A map of the last {@value #MAX_REMEMBERED_RUNS} runs put into it. */
  private static <V> Map<RunId, V> remembered() {
    return new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<RunId, V> eldest) {
        return size() > MAX_REMEMBERED_RUNS;
      }
    };
  }

  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new CancelledException("the client is closed", null, null));
  }

  /** Percent-encoding of one URL path segment. */
  static final class PathSegments {
    private PathSegments() {}

    static String encode(String segment) {
      StringBuilder out = new StringBuilder();
      for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
          out.append((char) c);
        } else {
          out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
      }
      return out.toString();
    }
  }
}
