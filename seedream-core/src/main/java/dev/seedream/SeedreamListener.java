package dev.seedream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sees what a client does, for progress lines, logs and metrics. Every method has an empty
 * default; override those of interest.
 *
 * <p>Methods are called on the engine's and the transport's threads (a Netty event loop for the
 * reactive transport): they must be quick and must not block. An exception thrown by a listener is
 * logged and otherwise ignored.
 *
 * <p><b>For metrics and tracing back ends</b> (Micrometer, OpenTelemetry): {@link
 * #operationStarted} is told of every call of a client and returns the listener that hears that
 * call's events alone, so a back end can hold the call's span in it and nest each request ({@link
 * #requestStarted}) and each wait for the budget ({@link #waitingForBudget} to {@link
 * #budgetWaitEnded}) under it, without thread-locals: the events of one call arrive on several
 * threads.
 */
public interface SeedreamListener {
  /** A listener that does nothing. */
  SeedreamListener NONE = new SeedreamListener() {};

  /** A run was created. */
  default void runSubmitted(RunId runId, RunInput input) {}

  /** A poll of a run was answered; {@code polls} counts the polls of this wait so far. */
  default void runPolled(Run run, int polls) {}

  /** A poll saw a status other than the one before ({@code previous} is null for the first). */
  default void statusChanged(Run run, RunStatus previous) {}

  /** A run being waited for ended {@code succeeded}. */
  default void runSucceeded(Run run) {}

  /** A run being waited for ended {@code failed}. */
  default void runFailed(Run run) {}

  /**
   * A request failed and will be sent again.
   *
   * @param request method and path, such as {@code "GET /api/v1/runs/abc"}
   * @param attempt the attempt that failed, from 1
   * @param delay the wait before the next attempt
   * @param cause why the attempt failed
   */
  default void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {}

  /** A request waits for the rate budget; {@code wait} is the expected wait. */
  default void waitingForBudget(String request, Duration wait) {}

  /** Bytes of an image arrived; {@code total} is -1 when the size is not known. */
  default void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {}

  /** An image was written. */
  default void downloaded(RunId runId, Path file, long bytes) {}

  /**
   * The listener that hears the events of one call made through {@code withContext(context)}: to
   * tag them (a metric's label, a log's MDC) without a map keyed by run id. The default is this
   * listener itself. Called once for each view that {@code withContext(context)} makes, on the
   * caller's thread: the listener it returns hears every call made through that view.
   *
   * @since 0.1.0
   */
  default SeedreamListener forCall(CallContext context) {
    return this;
  }

  /**
   * A call made through {@code withContext(context)} has started: {@code operation} is the method's
   * name ({@code "generate"}, {@code "download"}, ...).
   *
   * @since 0.1.0
   */
  default void callStarted(CallContext context, String operation) {}

  /**
   * A call made through {@code withContext(context)} has ended: {@code failure} is null when it
   * succeeded, else what it failed with.
   *
   * @since 0.1.0
   */
  default void callEnded(CallContext context, String operation, Throwable failure) {}

  /**
   * A call of a client begins: every call of every face ({@code generate}, {@code download}, ...),
   * with or without a context, on the caller's thread. The listener returned hears the events of this
   * call only (its requests, budget waits, retries, status changes) and then {@link
   * #operationEnded}; the default is this listener. A back end returns a listener that holds the
   * call's span or timer.
   *
   * @since 0.1.0
   */
  default SeedreamListener operationStarted(Operation operation) {
    return this;
  }

  /**
   * The call that {@link #operationStarted} began has ended, told to the listener it returned:
   * {@code failure} is null when it succeeded, else what the caller sees it fail with.
   *
   * @since 0.1.0
   */
  default void operationEnded(Operation operation, Throwable failure) {}

  /**
   * An attempt of a request is about to be sent (after its permit of the rate budget); the exchange
   * returned is told once how the attempt ended, on whichever thread it ended. Downloads of output
   * images are requests too ({@link RequestKind#DOWNLOAD}).
   *
   * @since 0.1.0
   */
  default Exchange requestStarted(Request request) {
    return Exchange.NONE;
  }

  /**
   * A request that was said to be {@link #waitingForBudget waiting for the budget} waits no more:
   * {@code granted} is true when it got its permit, false when it was cancelled or its client closed.
   *
   * @since 0.1.0
   */
  default void budgetWaitEnded(String request, boolean granted) {}

  /**
   * One call of a client, as {@link #operationStarted} is told of it.
   *
   * @param name the method's name: {@code "generate"}, {@code "submit"}, {@code "await"}, {@code
   *     "download"}, ...
   * @param context the context of a call made through {@code withContext(context)}
   * @param input what the call creates a run of, for {@code generate} and {@code submit}
   * @since 0.1.0
   */
  record Operation(String name, Optional<CallContext> context, Optional<RunInput> input) {
    /** Checks that nothing is null. */
    public Operation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(input, "input");
    }
  }

  /** What a request does. @since 0.1.0 */
  enum RequestKind {
    /** {@code POST /api/v1/runs}: creates a run. */
    CREATE,
    /** {@code GET /api/v1/runs/{id}}: reads a run (a poll, or a {@code get}). */
    READ,
    /** A GET of an output image, on the image's own origin. */
    DOWNLOAD
  }

  /**
   * One attempt of a request, as {@link #requestStarted} is told of it.
   *
   * @param kind create, read or download
   * @param method {@code "POST"} or {@code "GET"}
   * @param pathTemplate {@code "/api/v1/runs"}, {@code "/api/v1/runs/{id}"}, or {@code "{output}"} for
   *     a download: never a run id or a URL, so it may label a metric
   * @param attempt the attempt, from 1
   * @param runId the run read or downloaded; empty for a create
   * @since 0.1.0
   */
  record Request(RequestKind kind, String method, String pathTemplate, int attempt, Optional<RunId> runId) {
    /** Checks that nothing is null and the attempt counts from 1. */
    public Request {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pathTemplate, "pathTemplate");
      Objects.requireNonNull(runId, "runId");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
      }
    }
  }

  /**
   * Hears how one attempt of a request ended. @since 0.1.0
   */
  @FunctionalInterface
  interface Exchange {
    /** An exchange that does nothing. */
    Exchange NONE = (status, failure) -> {};

    /**
     * The attempt ended: {@code status} is the HTTP status of the answer, 0 when there was none
     * (an I/O failure, a timeout, a cancellation: then {@code failure} says which); {@code failure}
     * is null when an answer arrived, whatever its status.
     */
    void ended(int status, Throwable failure);
  }
}
