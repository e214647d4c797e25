package dev.seedream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Sees what a client does, for progress lines, logs and metrics. Every method has an empty
 * default; override those of interest.
 *
 * <p>Methods are called on the engine's and the transport's threads (a Netty event loop for the
 * reactive transport): they must be quick and must not block. An exception thrown by a listener is
 * logged and otherwise ignored.
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
}
