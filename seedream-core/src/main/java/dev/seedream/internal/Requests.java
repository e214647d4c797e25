package dev.seedream.internal;

import dev.seedream.ApiException;
import dev.seedream.ApiKey;
import dev.seedream.CancelledException;
import dev.seedream.RetryPolicy;
import dev.seedream.RunId;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import dev.seedream.TransportException;
import dev.seedream.spi.ApiErrorBody;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.TaskScheduler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends requests through the rate budget and the transport, with the retry policy and a timeout
 * per attempt. The rules of what is retried live here and nowhere else.
 */
final class Requests {
  private static final System.Logger LOG = System.getLogger("dev.seedream");

  /** What a request does, which decides how it may be retried and whether it spends budget. */
  enum Kind {
    /** {@code POST /runs}: creates a run, which costs money; retried only when nothing was created. */
    CREATE,
    /** {@code GET /runs/{id}}: safe to repeat. */
    READ,
    /** A GET of an output image: safe to repeat, not an API request, so it spends no budget. */
    DOWNLOAD
  }

  private final Exchanger exchanger;
  private final BudgetGate gate;
  private final TaskScheduler scheduler;
  private final RetryPolicy retryPolicy;
  private final JsonCodec codec;
  private final ApiKey apiKey;
  private final SeedreamListener listener;

  Requests(
      Exchanger exchanger,
      BudgetGate gate,
      TaskScheduler scheduler,
      RetryPolicy retryPolicy,
      JsonCodec codec,
      ApiKey apiKey,
      SeedreamListener listener) {
    this.exchanger = exchanger;
    this.gate = gate;
    this.scheduler = scheduler;
    this.retryPolicy = retryPolicy;
    this.codec = codec;
    this.apiKey = apiKey;
    this.listener = listener;
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
    return status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Whether a network failure is worth sending again. */
  static boolean isRetryable(Kind kind, TransportException failure) {
    return kind != Kind.CREATE || !failure.requestSent();
  }

  /**
   * Sends an API request. The future completes with a 2xx answer, or fails with the SDK exception
   * for the last failure once retries are spent or not allowed. Cancelling it stops everything the
   * request holds: its place in the budget queue, a wait before a retry, the exchange in flight.
   */
  CompletableFuture<HttpResponse> send(Kind kind, HttpRequest request, long dueNanos, RunId runId) {
    Call call = new Call(kind, request, dueNanos, runId, null);
    call.attempt();
    return call.result;
  }

  /**
   * Sends a download. The future completes with the last answer that is not retried: 2xx (the body
   * is in the sink), 3xx, or an error status once retries are spent.
   */
  CompletableFuture<HttpResponse> download(HttpRequest request, RunId runId, FileSink sink) {
    Call call = new Call(Kind.DOWNLOAD, request, scheduler.nanoTime(), runId, sink);
    call.attempt();
    return call.result;
  }

  /** The SDK exception for an error answer, with the key removed from whatever the server said. */
  SeedreamException toException(HttpResponse response, RunId runId) {
    Optional<ApiErrorBody> body = codec.readError(response.body());
    String code = body.map(ApiErrorBody::code).orElse(null);
    String message = body.map(ApiErrorBody::message).map(this::redact).orElse(null);
    String excerpt = body.isPresent() ? null : redact(Texts.excerpt(response.body()));
    return ApiException.from(response.status(), code, message, excerpt, runId);
  }

  String redact(String text) {
    return Texts.redact(text, apiKey.secret(), apiKey.redacted());
  }

  static String label(HttpRequest request) {
    return request.method() + " " + (request.uri().getRawPath() == null ? "/" : request.uri().getRawPath());
  }

  /** A permit of the budget, given back once. */
  private final class Permit {
    private final long grantedAt;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(long grantedAt) {
      this.grantedAt = grantedAt;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        gate.release(grantedAt);
      }
    }
  }

  /** One logical request and its attempts. */
  private final class Call {
    final Kind kind;
    final HttpRequest request;
    final long dueNanos;
    final RunId runId;
    final FileSink sink;
    final String label;
    final CompletableFuture<HttpResponse> result = new CompletableFuture<>();
    int attempts;
    volatile CompletableFuture<?> pending;
    volatile TaskScheduler.Cancellable timer;
    volatile int timedOutAttempt;
    volatile Permit held;

    Call(Kind kind, HttpRequest request, long dueNanos, RunId runId, FileSink sink) {
      this.kind = kind;
      this.request = request;
      this.dueNanos = dueNanos;
      this.runId = runId;
      this.sink = sink;
      this.label = label(request);
      result.whenComplete((value, error) -> stop());
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
      CompletableFuture<Long> permit = gate.acquire(dueNanos, label);
      pending = permit;
      permit.whenComplete(
          (grantedAt, error) -> {
            if (error == null) {
              held = new Permit(grantedAt);
              if (result.isDone()) {
                // Cancelled while the permit was being granted: give it back, send nothing.
                release();
                return;
              }
              sendNow();
            } else {
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
      attempts++;
      CompletableFuture<HttpResponse> inflight;
      try {
        if (sink != null) {
          sink.reset();
        }
        LOG.log(Level.DEBUG, () -> "sending " + label + " (attempt " + attempts + ")");
        inflight = kind == Kind.DOWNLOAD ? exchanger.download(request, sink) : exchanger.exchange(request);
      } catch (Exception e) {
        inflight = CompletableFuture.failedFuture(e);
      }
      pending = inflight;
      CompletableFuture<HttpResponse> sent = inflight;
      if (result.isDone()) {
        // Cancelled while the exchange was being started.
        sent.cancel(true);
        return;
      }
      int attempt = attempts;
      if (kind != Kind.DOWNLOAD) {
        timer =
            scheduler.schedule(
                () -> {
                  if (!sent.isDone()) {
                    timedOutAttempt = attempt;
                    sent.cancel(true);
                  }
                },
                request.timeout());
      }
      sent.whenComplete((response, error) -> onOutcome(attempt, response, error));
    }

    private void onOutcome(int attempt, HttpResponse response, Throwable error) {
      TaskScheduler.Cancellable guard = timer;
      if (guard != null) {
        guard.cancel();
      }
      if (attempt != attempts) {
        return;
      }
      release();
      if (result.isDone()) {
        return;
      }
      if (error != null) {
        Throwable cause = Blocking.unwrap(error);
        if (cause instanceof CancellationException && timedOutAttempt == attempt) {
          cause =
              new TransportException(
                  TransportException.Reason.TIMEOUT,
                  label + " got no complete answer within " + request.timeout()
                      + ": the request may have reached the server",
                  null);
        }
        onFailure(cause);
        return;
      }
      LOG.log(Level.DEBUG, () -> label + " answered " + response.status() + " (attempt " + attempt + ")");
      int status = response.status();
      if (status < 400) {
        if (kind == Kind.DOWNLOAD || status < 300) {
          result.complete(response);
        } else {
          result.completeExceptionally(toException(response, runId));
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
      if (retryable && attempt < retryPolicy.maxAttempts()) {
        retryLater(retryAfter.orElseGet(() -> retryPolicy.backoff(attempt)), toException(response, runId));
      } else if (kind == Kind.DOWNLOAD) {
        result.complete(response);
      } else {
        result.completeExceptionally(toException(response, runId));
      }
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
                TransportException.Reason.IO, label + " failed: " + redact(String.valueOf(error)), error);
      }
      if (failure instanceof TransportException
          && isRetryable(kind, (TransportException) failure)
          && attempts < retryPolicy.maxAttempts()) {
        retryLater(retryPolicy.backoff(attempts), failure);
      } else {
        result.completeExceptionally(failure);
      }
    }

    private void retryLater(Duration delay, SeedreamException cause) {
      int attempt = attempts;
      LOG.log(Level.DEBUG, () -> label + " attempt " + attempt + " failed (" + cause.getMessage() + "); retrying in " + delay);
      Listeners.safely(() -> listener.retryScheduled(label, attempt, delay, cause));
      timer = scheduler.schedule(this::attempt, delay);
      if (result.isDone()) {
        timer.cancel();
      }
    }

    private void release() {
      Permit permit = held;
      if (permit != null) {
        permit.release();
      }
    }

    private void stop() {
      release();
      TaskScheduler.Cancellable guard = timer;
      if (guard != null) {
        guard.cancel();
      }
      CompletableFuture<?> current = pending;
      if (current != null && !current.isDone()) {
        current.cancel(true);
      }
    }
  }
}
