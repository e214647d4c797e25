package dev.seedream.internal;

import dev.seedream.DeadlineExceededException;
import dev.seedream.PollPolicy;
import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import dev.seedream.spi.TaskScheduler;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One wait for a run: polls it through the engine's shared budget until a terminal status, an error
 * that repeating cannot fix, the deadline, or cancellation of {@link #result()}, whichever comes
 * first. Failures that are safe to repeat (network, 5xx, 429 {@code RATE_LIMITED}, an answer that
 * cannot be read or is about another run) are retried until the deadline, whose error names the last
 * of them. When it ends, nothing of it stays scheduled or in flight.
 */
final class RunWatch {
  private final Engine engine;
  private final RunId runId;
  private final Engine.Submitted submitted;
  private final Duration deadline;
  private final Duration timeLeft;
  private final Consumer<Run> onUpdate;
  private final TaskScheduler scheduler;
  private final PollPolicy policy;
  private final SeedreamListener listener;
  private final Scope scope;
  private final CompletableFuture<Run> result = new CompletableFuture<>();

  private int polls;
  private volatile RunStatus lastStatus;
  private long lastUnfinishedPollNanos;
  private Deadline limit;
  private volatile Requests.Pending<Engine.Polled> inflight;
  private volatile TaskScheduler.Cancellable nextPoll;
  private volatile TaskScheduler.Cancellable deadlineTimer;

  RunWatch(
      Engine engine, RunId runId, Engine.Submitted submitted, Duration deadline, Duration timeLeft, Consumer<Run> onUpdate,
      Scope scope) {
    this.scope = scope;
    this.engine = engine;
    this.runId = runId;
    this.submitted = submitted;
    this.deadline = deadline;
    this.timeLeft = timeLeft;
    this.onUpdate = onUpdate;
    this.scheduler = engine.scheduler();
    this.policy = engine.pollPolicy();
    this.listener = scope.listener();
    result.whenComplete((run, error) -> stop());
  }

  CompletableFuture<Run> result() {
    return result;
  }

  /** Starts waiting: schedules the deadline and the first poll. */
  RunWatch start() {
    limit = new Deadline(deadline, Deadline.of(timeLeft, scheduler.nanoTime()).atNanos());
    deadlineTimer = scheduler.schedule(this::onDeadline, timeLeft);
    schedulePoll(firstDelay());
    return this;
  }

  private void onDeadline() {
    Requests.Pending<Engine.Polled> call = inflight;
    SeedreamException lastFailure = call == null || call.isDone() ? null : call.lastFailure();
    result.completeExceptionally(DeadlineExceededException.of(runId, lastStatus, deadline, lastFailure));
  }

  /** Runs submitted here are first polled by the plan (near their expected duration); others at once. */
  private Duration firstDelay() {
    if (submitted == null) {
      return Duration.ZERO;
    }
    return engine.planPoll(submitted, 0);
  }

  private void schedulePoll(Duration delay) {
    if (result.isDone()) {
      return;
    }
    nextPoll = scheduler.schedule(this::poll, delay);
    if (result.isDone()) {
      nextPoll.cancel();
    }
  }

  private void poll() {
    if (result.isDone()) {
      return;
    }
    Requests.Pending<Engine.Polled> call = engine.poll(runId, scheduler.nanoTime(), limit, scope);
    inflight = call;
    if (result.isDone()) {
      call.cancel(true);
      return;
    }
    call.whenComplete(this::onAnswer);
  }

  private void onAnswer(Engine.Polled answer, Throwable error) {
    if (result.isDone()) {
      return;
    }
    if (error != null) {
      Throwable cause = Blocking.unwrap(error);
      if (cause instanceof DeadlineExceededException) {
        result.completeExceptionally(DeadlineExceededException.of(
            runId, lastStatus, deadline, (SeedreamException) cause.getCause()));
      } else if (!(cause instanceof CancellationException)) {
        result.completeExceptionally(cause);
      }
      return;
    }
    Run run;
    try {
      run = engine.observe(answer.run());
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    polls++;
    RunStatus previous = lastStatus;
    lastStatus = run.status();
    int count = polls;
    Listeners.safely(() -> listener.runPolled(run, count));
    if (!run.status().equals(previous)) {
      Listeners.safely(() -> listener.statusChanged(run, previous));
      Listeners.safely(() -> onUpdate.accept(run));
    }
    if (run.status().equals(RunStatus.SUCCEEDED)) {
      learn(run);
      Listeners.safely(() -> listener.runSucceeded(run));
      result.complete(run);
    } else if (run.status().equals(RunStatus.FAILED)) {
      learn(run);
      Listeners.safely(() -> listener.runFailed(run));
      result.completeExceptionally(new RunFailedException(run));
    } else {
      lastUnfinishedPollNanos = scheduler.nanoTime();
      Duration delay = RetryAfter.parse(answer.retryAfter(), scheduler.now())
          .orElseGet(() -> submitted == null ? policy.intervalAfter(count) : engine.planPoll(submitted, count));
      schedulePoll(delay);
    }
  }

  /** Teaches the engine how long this run took: by the server's timestamps, or by the polls. */
  private void learn(Run run) {
    if (submitted == null) {
      return;
    }
    if (run.createdAt().isPresent() && run.completedAt().isPresent()) {
      engine.recordDuration(
          submitted.durationClass(), Duration.between(run.createdAt().get(), run.completedAt().get()));
      return;
    }
    long now = scheduler.nanoTime();
    long before = lastUnfinishedPollNanos == 0 ? submitted.startNanos() : lastUnfinishedPollNanos;
    long finishedAround = before + (now - before) / 2;
    engine.recordDuration(submitted.durationClass(), Duration.ofNanos(finishedAround - submitted.startNanos()));
  }

  private void stop() {
    cancel(deadlineTimer);
    cancel(nextPoll);
    CompletableFuture<?> call = inflight;
    if (call != null) {
      call.cancel(true);
    }
    engine.forget(this);
  }

  private static void cancel(TaskScheduler.Cancellable task) {
    if (task != null) {
      task.cancel();
    }
  }
}
