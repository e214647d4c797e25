package dev.seedream.internal;

import dev.seedream.CallContext;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one call of the engine reports to: its listener (the client's, as {@link
 * SeedreamListener#forCall} gives it for the call's context, and the context's own) and the tag its
 * log lines carry.
 */
public final class Scope {
  private final SeedreamListener listener;
  private final CallContext context;

  private Scope(SeedreamListener listener, CallContext context) {
    this.listener = listener;
    this.context = context;
  }

  /** The scope of calls without a context: the client's listener. */
  static Scope of(SeedreamListener clientListener) {
    return new Scope(clientListener, null);
  }

  /** The scope of calls made with {@code context}. */
  static Scope of(SeedreamListener clientListener, CallContext context) {
    SeedreamListener forCall;
    try {
      forCall = clientListener.forCall(context);
    } catch (RuntimeException e) {
      forCall = clientListener;
    }
    SeedreamListener own = context.listener().orElse(null);
    return new Scope(own == null ? forCall : both(forCall == null ? SeedreamListener.NONE : forCall, own), context);
  }

  SeedreamListener listener() {
    return listener;
  }

  /** The context, or null. */
  public CallContext context() {
    return context;
  }

  /** A log line of this call: {@code [tag] line} when it has a context. */
  String log(String line) {
    return context == null ? line : "[" + context.tag() + "] " + line;
  }

  /** Tells the listener that a call of this scope started, if it has a context. */
  public void started(String operation) {
    if (context != null) {
      Listeners.safely(() -> listener.callStarted(context, operation));
    }
  }

  /** Tells the listener that a call of this scope ended, if it has a context. */
  public void ended(String operation, Throwable failure) {
    if (context != null) {
      Listeners.safely(() -> listener.callEnded(context, operation, Blocking.unwrap(failure)));
    }
  }

  private static SeedreamListener both(SeedreamListener first, SeedreamListener second) {
    return new SeedreamListener() {
      @Override
      public void runSubmitted(RunId runId, RunInput input) {
        Listeners.safely(() -> first.runSubmitted(runId, input));
        second.runSubmitted(runId, input);
      }

      @Override
      public void runPolled(Run run, int polls) {
        Listeners.safely(() -> first.runPolled(run, polls));
        second.runPolled(run, polls);
      }

      @Override
      public void statusChanged(Run run, RunStatus previous) {
        Listeners.safely(() -> first.statusChanged(run, previous));
        second.statusChanged(run, previous);
      }

      @Override
      public void runSucceeded(Run run) {
        Listeners.safely(() -> first.runSucceeded(run));
        second.runSucceeded(run);
      }

      @Override
      public void runFailed(Run run) {
        Listeners.safely(() -> first.runFailed(run));
        second.runFailed(run);
      }

      @Override
      public void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {
        Listeners.safely(() -> first.retryScheduled(request, attempt, delay, cause));
        second.retryScheduled(request, attempt, delay, cause);
      }

      @Override
      public void waitingForBudget(String request, Duration wait) {
        Listeners.safely(() -> first.waitingForBudget(request, wait));
        second.waitingForBudget(request, wait);
      }

      @Override
      public void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
        Listeners.safely(() -> first.downloadProgress(runId, index, bytesSoFar, total));
        second.downloadProgress(runId, index, bytesSoFar, total);
      }

      @Override
      public void downloaded(RunId runId, Path file, long bytes) {
        Listeners.safely(() -> first.downloaded(runId, file, bytes));
        second.downloaded(runId, file, bytes);
      }

      @Override
      public void callStarted(CallContext context, String operation) {
        Listeners.safely(() -> first.callStarted(context, operation));
        second.callStarted(context, operation);
      }

      @Override
      public void callEnded(CallContext context, String operation, Throwable failure) {
        Listeners.safely(() -> first.callEnded(context, operation, failure));
        second.callEnded(context, operation, failure);
      }
    };
  }
}
