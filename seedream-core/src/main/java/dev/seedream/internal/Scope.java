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
import java.util.Optional;

/**
 * What one call of the engine reports to: its listener (the client's, as {@link
 * SeedreamListener#forCall} gives it for the call's context, and the context's own) and the tag its
 * log lines carry.
 */
public final class Scope {
  private final SeedreamListener listener;
  private final CallContext context;
  /** The call this scope is of, or null for the scope of a view (which {@link #begin} calls from). */
  private final SeedreamListener.Operation operation;

  private Scope(SeedreamListener listener, CallContext context) {
    this(listener, context, null);
  }

  private Scope(SeedreamListener listener, CallContext context, SeedreamListener.Operation operation) {
    this.listener = listener;
    this.context = context;
    this.operation = operation;
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

  /**
   * The scope of one call of {@code operation}, begun now: its listener is what this scope's listener
   * returns from {@link SeedreamListener#operationStarted}; {@link #end} must follow once.
   *
   * @param input what the call creates a run of, or null
   */
  public Scope begin(String operation, RunInput input) {
    SeedreamListener.Operation call =
        new SeedreamListener.Operation(operation, Optional.ofNullable(context), Optional.ofNullable(input));
    SeedreamListener forCall = Listeners.forOperation(listener, call);
    if (context != null) {
      Listeners.safely(() -> listener.callStarted(context, operation));
    }
    return new Scope(forCall, context, call);
  }

  /**
   * The call that {@link #begin} began has ended ({@code failure} null when it succeeded): tells the
   * call's listener, and the view's listener when the call has a context.
   *
   * @param view the scope {@code begin} was called on
   */
  public void end(Scope view, Throwable failure) {
    Throwable cause = failure == null ? null : Blocking.unwrap(failure);
    Listeners.safely(() -> listener.operationEnded(operation, cause));
    if (context != null) {
      Listeners.safely(() -> view.listener.callEnded(context, operation.name(), cause));
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
      public SeedreamListener operationStarted(SeedreamListener.Operation operation) {
        return both(Listeners.forOperation(first, operation), Listeners.forOperation(second, operation));
      }

      @Override
      public void operationEnded(SeedreamListener.Operation operation, Throwable failure) {
        Listeners.safely(() -> first.operationEnded(operation, failure));
        second.operationEnded(operation, failure);
      }

      @Override
      public SeedreamListener.Exchange requestStarted(SeedreamListener.Request request) {
        SeedreamListener.Exchange one = Listeners.exchange(first, request);
        SeedreamListener.Exchange two = Listeners.exchange(second, request);
        return (status, failure) -> {
          Listeners.safely(() -> one.ended(status, failure));
          Listeners.safely(() -> two.ended(status, failure));
        };
      }

      @Override
      public void budgetWaitEnded(String request, boolean granted) {
        Listeners.safely(() -> first.budgetWaitEnded(request, granted));
        second.budgetWaitEnded(request, granted);
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
