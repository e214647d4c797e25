package dev.seedream.internal;

import dev.seedream.ApiException;
import dev.seedream.ApiKey;
import dev.seedream.CancelledException;
import dev.seedream.DeadlineExceededException;
import dev.seedream.MalformedResponseException;
import dev.seedream.RetryPolicy;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunMayExistException;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import dev.seedream.ServerException;
import dev.seedream.TransportException;
import dev.seedream.spi.ApiErrorBody;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.TaskScheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Sends requests through the rate budget and the transport, with the retry policy, a timeout per
 * attempt and the call's deadline. The rules of what is retried, and of what a create that may have
 * reached Runbase ends in, live here and nowhere else.
 */
final class Requests {
  private static final System.Logger LOG = System.getLogger("dev.seedream");

  /** What a request does, which decides how it may be retried and whether it spends budget. */
  enum Kind {
    /** {@code POST /runs}: creates a run, which costs money; retried only when nothing was created. */
    CREATE(SeedreamListener.RequestKind.CREATE, "/api/v1/runs"),
    /** {@code GET /runs/{id}}: safe to repeat. */
    READ(SeedreamListener.RequestKind.READ, "/api/v1/runs/{id}"),
    /** A GET of an output image: safe to repeat, not an API request, so it spends no budget. */
    DOWNLOAD(SeedreamListener.RequestKind.DOWNLOAD, "{output}");

    /** What listeners are told. */
    final SeedreamListener.RequestKind event;
    /** The path without ids, for listeners. */
    final String pathTemplate;

    Kind(SeedreamListener.RequestKind event, String pathTemplate) {
      this.event = event;
      this.pathTemplate = pathTemplate;
    }
  }

  /**
   * The result of a call, and the last failure it met and retried: what a deadline's error names as
   * its cause.
   */
  static final class Pending<T> extends CompletableFuture<T> {
    private volatile SeedreamException lastFailure;

    /** The last failure that was retried, or null. */
    SeedreamException lastFailure() {
      return lastFailure;
    }
  }

  private final Exchanger exchanger;
  private final BudgetGate gate;
  private final TaskScheduler scheduler;
  private final RetryPolicy retryPolicy;
  private final JsonCodec codec;
  private final ApiKey apiKey;
  private volatile boolean closed;

  Requests(
      Exchanger exchanger,
      BudgetGate gate,
      TaskScheduler scheduler,
      RetryPolicy retryPolicy,
      JsonCodec codec,
      ApiKey apiKey) {
    this.exchanger = exchanger;
    this.gate = gate;
    this.scheduler = scheduler;
    this.retryPolicy = retryPolicy;
    this.codec = codec;
    this.apiKey = apiKey;
  }

  /** Whether an answer with this status and Runbase code is worth sending again. */
  static boolean isRetryable(Kind kind, int status, String code) {
    if (status == 429) {
      return !"USAGE_EXCEEDED".equals(code);
    }
    if (kind == Kind.CREATE) {
      // A 503 is refused before the request is processed; 500, 502 and 504 may come after the run
      // was created, and a second create would cost the user a second run.
      return status == 503;
    }
    return status >= 500 && status <= 599;
  }

  /** Whether a network failure is worth sending again. */
  static boolean isRetryable(Kind kind, TransportException failure) {
    return kind != Kind.CREATE || !failure.requestSent();
  }

  /**
   * Whether a create that ended in {@code failure} certainly created nothing: it never reached the
   * server, or the server refused it (a 4xx, or a 503, which comes before processing). Anything else
   * leaves the outcome unknown.
   */
  static boolean createdNothing(SeedreamException failure) {
    if (failure instanceof TransportException) {
      return !((TransportException) failure).requestSent();
    }
    if (failure instanceof ServerException) {
      return ((ServerException) failure).statusCode() == 503;
    }
    if (failure instanceof ApiException) {
      int status = ((ApiException) failure).statusCode();
      return status >= 400 && status < 500;
    }
    return failure instanceof CancelledException;
  }

  /**
   * Creates a run. The future completes with the decoded answer, or fails with the exception of a
   * failure that retrying cannot fix or that may come after the run was created ({@link
   * RunMayExistException}), or at the deadline ({@link DeadlineExceededException} while nothing is
   * in flight, {@link RunMayExistException} while an attempt is).
   */
  <T> Pending<T> create(HttpRequest request, RunInput input, Deadline deadline, Function<HttpResponse, T> decode,
      Scope scope) {
    Call<T> call =
        new Call<>(Kind.CREATE, request, scheduler.nanoTime(), null, input, deadline, false, decode, null, scope);
    call.start();
    return call.result;
  }

  /**
   * Reads a run. With {@code untilDeadline}, failures that are safe to repeat (network, 5xx, 429
   * {@code RATE_LIMITED}, an answer that cannot be read) are retried until the deadline, which then
   * ends the call with {@link DeadlineExceededException}; otherwise at most as often as the retry
   * policy says. Cancelling the future stops everything the request holds: its place in the budget
   * queue, a wait before a retry, the exchange in flight.
   *
   * @param decode turns a 2xx answer into the result; a {@link SeedreamException} it throws counts as
   *     an unreadable answer
   */
  <T> Pending<T> read(HttpRequest request, RunId runId, long dueNanos, Deadline deadline, boolean untilDeadline,
      Function<HttpResponse, T> decode, Scope scope) {
    Call<T> call = new Call<>(Kind.READ, request, dueNanos, runId, null, deadline, untilDeadline, decode, null, scope);
    call.start();
    return call.result;
  }

  /**
   * Sends a download. The future completes with the last answer that is not retried: 2xx (the body
   * is in the sink), 3xx, or an error status once retries are spent.
   */
  Pending<HttpResponse> download(HttpRequest request, RunId runId, ImageBody sink, Scope scope) {
    Call<HttpResponse> call = new Call<>(
        Kind.DOWNLOAD, request, scheduler.nanoTime(), runId, null, null, false, response -> response, sink, scope);
    call.start();
    return call.result;
  }

  /** The client is closing: a call that would wait for another attempt ends instead. */
  void close() {
    closed = true;
  }

  /** The SDK exception for an error answer, with the key removed from whatever the server said. */
  SeedreamException toException(HttpResponse response, RunId runId) {
    Optional<ApiErrorBody> body = codec.readError(response.body());
    String code = body.map(ApiErrorBody::code).map(this::redact).orElse(null);
    String message = body.map(ApiErrorBody::message).map(this::redact).orElse(null);
    String excerpt = body.isPresent() ? null : redact(Texts.excerpt(response.body()));
    Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), scheduler.now()).orElse(null);
    return ApiException.from(response.status(), code, message, excerpt, runId, retryAfter);
  }

  String redact(String text) {
    return Texts.redact(text, apiKey.secret(), apiKey.redacted());
  }

  /** A foreign failure fit to be a cause: without the key in any of its messages. */
  Throwable scrub(Throwable error) {
    return Texts.scrub(error, apiKey.secret(), apiKey.redacted());
  }

  static String label(HttpRequest request) {
    return request.method() + " " + (request.uri().getRawPath() == null ? "/" : request.uri().getRawPath());
  }

  /** A permit of the budget, given back once. */
  private final class Permit {
    private final long grantedAt;
    private final boolean create;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(long grantedAt, boolean create) {
      this.grantedAt = grantedAt;
      this.create = create;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        gate.release(grantedAt, create);
      }
    }
  }

  /** One logical request and its attempts. */
  private final class Call<T> {
    final Kind kind;
    final HttpRequest request;
    final long dueNanos;
    final RunId runId;
    final RunInput input;
    final Deadline deadline;
    final boolean untilDeadline;
    final Function<HttpResponse, T> decode;
    final ImageBody sink;
    final Scope scope;
    final String label;
    /** The blocking caller whose thread made this call and waits for it, or null: see {@link Blocking#call}. */
    final Thread caller;
    final Pending<T> result = new Pending<>();
    int attempts;
    volatile Instant sentAt;
    volatile boolean inFlight;
    volatile CompletableFuture<?> pending;
    volatile TaskScheduler.Cancellable timer;
    volatile TaskScheduler.Cancellable deadlineTimer;
    volatile int timedOutAttempt;
    /** The attempt whose timeout was cut to what was left of the call's deadline. */
    volatile int clippedAttempt;
    volatile Permit held;

    Call(Kind kind, HttpRequest request, long dueNanos, RunId runId, RunInput input, Deadline deadline,
        boolean untilDeadline, Function<HttpResponse, T> decode, ImageBody sink, Scope scope) {
      this.kind = kind;
      this.scope = scope;
      this.request = request;
      this.dueNanos = dueNanos;
      this.runId = runId;
      this.input = input;
      this.deadline = deadline;
      this.untilDeadline = untilDeadline && deadline != null;
      this.decode = decode;
      this.sink = sink;
      this.label = label(request);
      this.caller = kind == Kind.DOWNLOAD ? null : Blocking.claimWaitingCaller();
      result.whenComplete((value, error) -> stop());
    }

    void start() {
      if (deadline != null) {
        long left = deadline.remainingNanos(scheduler.nanoTime());
        if (left <= 0) {
          onDeadline();
          return;
        }
        deadlineTimer = scheduler.schedule(this::onDeadline, Duration.ofNanos(left));
      }
      attempt();
    }

    void attempt() {
      if (result.isDone()) {
        return;
      }
      if (kind == Kind.DOWNLOAD) {
        held = null;
        sendNow();
        return;
      }
      CompletableFuture<Long> permit = gate.acquire(dueNanos, kind == Kind.CREATE, label, scope.listener());
      pending = permit;
      permit.whenComplete(
          (grantedAt, error) -> {
            if (error == null) {
              held = new Permit(grantedAt, kind == Kind.CREATE);
              if (result.isDone()) {
                // Cancelled while the permit was being granted: give it back, send nothing.
                release();
                return;
              }
              sendNow();
            } else if (!result.isDone()) {
              result.completeExceptionally(new CancelledException("the client was closed", runId, null));
            }
          });
      if (result.isDone()) {
        permit.cancel(false);
      }
    }

    private void sendNow() {
      if (result.isDone()) {
        release();
        return;
      }
      HttpRequest attemptRequest = request;
      if (deadline != null) {
        long left = deadline.remainingNanos(scheduler.nanoTime());
        if (left <= 0) {
          release();
          onDeadline();
          return;
        }
        if (left < request.timeout().toNanos()) {
          // no attempt outlives the call's deadline, on any transport
          attemptRequest = request.newBuilder().timeout(Duration.ofNanos(left)).build();
          clippedAttempt = attempts + 1;
        }
      }
      attempts++;
      CompletableFuture<HttpResponse> inflight;
      try {
        if (sink != null) {
          sink.reset();
        }
        int attempt = attempts;
        LOG.log(Level.DEBUG, () -> scope.log("sending " + label + " (attempt " + attempt + ")"));
        sentAt = scheduler.now();
        inFlight = true;
        inflight = kind == Kind.DOWNLOAD
            ? exchanger.download(attemptRequest, sink)
            : exchanger.exchange(attemptRequest, caller != null && Blocking.isWaiting(caller));
      } catch (Exception e) {
        inflight = CompletableFuture.failedFuture(e);
      }
      CompletableFuture<HttpResponse> observed = observe(inflight);
      pending = inflight;
      CompletableFuture<HttpResponse> sent = inflight;
      if (result.isDone()) {
        // Cancelled while the exchange was being started.
        sent.cancel(true);
        return;
      }
      int attempt = attempts;
      Duration timeout = attemptRequest.timeout();
      if (kind != Kind.DOWNLOAD && !exchanger.enforcesTimeout()) {
        // a transport that ends the exchange by its timeout needs no second timer of the engine
        timer =
            scheduler.schedule(
                () -> {
                  if (!sent.isDone()) {
                    timedOutAttempt = attempt;
                    sent.cancel(true);
                  }
                },
                timeout);
      }
      // after the listener has heard the attempt's end, so that it hears it before the call's end
      observed.whenComplete((response, error) -> onOutcome(attempt, timeout, response, error));
    }

    /** Tells the listener of this attempt; the stage returned completes once it has heard its end. */
    private CompletableFuture<HttpResponse> observe(CompletableFuture<HttpResponse> inflight) {
      SeedreamListener.Exchange exchange = Listeners.exchange(scope.listener(), new SeedreamListener.Request(
          kind.event, request.method(), kind.pathTemplate, attempts, Optional.ofNullable(runId)));
      if (exchange == SeedreamListener.Exchange.NONE) {
        return inflight;
      }
      return inflight.whenComplete((response, error) -> Listeners.safely(
          () -> exchange.ended(error == null ? response.status() : 0, error == null ? null : Blocking.unwrap(error))));
    }

    private void onOutcome(int attempt, Duration timeout, HttpResponse response, Throwable error) {
      TaskScheduler.Cancellable guard = timer;
      if (guard != null) {
        guard.cancel();
      }
      if (attempt != attempts) {
        return;
      }
      // inFlight stays set until a retry shows that nothing was created: a deadline that passes while the
      // failure of a create that was sent is being handled must not say that nothing was created
      release();
      if (result.isDone()) {
        return;
      }
      if (error != null) {
        Throwable cause = Blocking.unwrap(error);
        if (cause instanceof CancellationException && timedOutAttempt == attempt) {
          cause = timedOut(timeout, true, null);
        } else if (kind != Kind.DOWNLOAD && cause instanceof TransportException
            && ((TransportException) cause).reason() == TransportException.Reason.TIMEOUT) {
          // the transport's own deadline: told as the engine's timer tells it, whichever ends the attempt
          cause = timedOut(timeout, ((TransportException) cause).requestSent(), cause);
        }
        if (attempt == clippedAttempt && cause instanceof TransportException
            && ((TransportException) cause).reason() == TransportException.Reason.TIMEOUT) {
          // its timeout was the rest of the deadline: the deadline ended it, and the failure worth naming
          // is the one met before (whichever of the two timers fires first)
          if (result.lastFailure == null) {
            result.lastFailure = (TransportException) cause;
          }
          onDeadline();
          return;
        }
        onFailure(cause);
        return;
      }
      LOG.log(Level.DEBUG, () -> scope.log(label + " answered " + response.status() + " (attempt " + attempt + ")"));
      int status = response.status();
      if (status >= 200 && status < 300) {
        onAnswer(response);
        return;
      }
      if (status < 400) {
        if (kind == Kind.DOWNLOAD) {
          result.complete(decode.apply(response));
        } else {
          fail(toException(response, runId));
        }
        return;
      }
      Optional<ApiErrorBody> body = kind == Kind.DOWNLOAD ? Optional.empty() : codec.readError(response.body());
      String code = body.map(ApiErrorBody::code).orElse(null);
      Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), scheduler.now());
      boolean retryable = isRetryable(kind, status, code);
      if (status == 429 && retryable && kind != Kind.DOWNLOAD) {
        gate.rateLimited(retryAfter.orElse(retryPolicy.backoff(attempt)));
      }
      if (retryable && mayRetry()) {
        retryLater(retryAfter.orElseGet(() -> retryPolicy.backoff(attempt)), toException(response, runId));
      } else if (kind == Kind.DOWNLOAD) {
        result.complete(decode.apply(response));
      } else {
        fail(toException(response, runId));
      }
    }

    private TransportException timedOut(Duration timeout, boolean sent, Throwable cause) {
      return new TransportException(TransportException.Reason.TIMEOUT, sent, label + " got no complete answer within "
          + timeout + (sent ? ": the request may have reached the server" : ": nothing was sent"), cause);
    }

    /** A 2xx answer: decoded, or, if it cannot be read, a failure like any other. */
    private void onAnswer(HttpResponse response) {
      T value;
      try {
        value = decode.apply(response);
      } catch (SeedreamException unreadable) {
        if (kind == Kind.READ && mayRetry()) {
          retryLater(retryPolicy.backoff(attempts), unreadable);
        } else {
          fail(unreadable);
        }
        return;
      }
      result.complete(value);
    }

    private void onFailure(Throwable error) {
      if (error instanceof CancellationException) {
        // Cancelled from outside (the caller, a deadline, close): the result is already done.
        result.cancel(false);
        return;
      }
      SeedreamException failure;
      if (error instanceof SeedreamException) {
        failure = (SeedreamException) error;
      } else {
        failure =
            new TransportException(
                TransportException.Reason.IO, label + " failed: " + Texts.printable(redact(String.valueOf(error))),
                scrub(error));
      }
      if (failure instanceof TransportException
          && isRetryable(kind, (TransportException) failure)
          && mayRetry()) {
        retryLater(retryPolicy.backoff(attempts), failure);
      } else if (kind == Kind.READ && failure instanceof MalformedResponseException && mayRetry()) {
        // an answer the transport could not read (too large, say) is as safe to ask again as any
        retryLater(retryPolicy.backoff(attempts), failure);
      } else {
        fail(failure);
      }
    }

    /** Whether another attempt may follow: until the deadline for a wait, else within the policy's attempts. */
    private boolean mayRetry() {
      return untilDeadline || attempts < retryPolicy.maxAttempts();
    }

    /** Ends the call with {@code failure}; a create that may have reached the server says so. */
    private void fail(SeedreamException failure) {
      if (kind == Kind.CREATE && !createdNothing(failure)) {
        result.completeExceptionally(new RunMayExistException(input, sentAt, failure));
      } else {
        result.completeExceptionally(failure);
      }
    }

    private void retryLater(Duration delay, SeedreamException cause) {
      inFlight = false;
      result.lastFailure = cause;
      int attempt = attempts;
      if (deadline != null && delay.toNanos() >= deadline.remainingNanos(scheduler.nanoTime())) {
        // the next attempt could only come once the deadline has passed, which ends the call first
        LOG.log(Level.DEBUG, () -> scope.log(label + " attempt " + attempt + " failed (" + cause.getMessage()
            + "); the wait of " + delay + " before another would outlive the deadline"));
        return;
      }
      LOG.log(Level.DEBUG,
          () -> scope.log(label + " attempt " + attempt + " failed (" + cause.getMessage() + "); retrying in " + delay));
      if (closed) {
        result.completeExceptionally(new CancelledException("the client was closed", runId, null));
        return;
      }
      Listeners.safely(() -> scope.listener().retryScheduled(label, attempt, delay, cause));
      try {
        timer = scheduler.schedule(this::attempt, delay);
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new CancelledException("the client was closed", runId, e));
        return;
      }
      if (result.isDone()) {
        timer.cancel();
      }
    }

    /** The call's deadline passed: a create in flight may have reached Runbase; anything else just ends. */
    private void onDeadline() {
      if (result.isDone()) {
        return;
      }
      if (kind == Kind.CREATE && inFlight) {
        TransportException cut = new TransportException(TransportException.Reason.TIMEOUT, true,
            label + " was still in flight when the call's deadline of " + Texts.duration(deadline.given())
                + " passed", null);
        result.completeExceptionally(new RunMayExistException(input, sentAt, cut));
        return;
      }
      result.completeExceptionally(DeadlineExceededException.of(runId, null, deadline.given(), result.lastFailure));
    }

    private void release() {
      Permit permit = held;
      if (permit != null) {
        permit.release();
      }
    }

    private void stop() {
      release();
      cancel(timer);
      cancel(deadlineTimer);
      CompletableFuture<?> current = pending;
      if (current != null && !current.isDone()) {
        current.cancel(true);
      }
    }
  }

  private static void cancel(TaskScheduler.Cancellable task) {
    if (task != null) {
      task.cancel();
    }
  }
}
