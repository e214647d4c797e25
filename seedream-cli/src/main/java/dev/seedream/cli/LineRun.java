package dev.seedream.cli;

import dev.seedream.CancelledException;
import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunMayExistException;
import dev.seedream.internal.Texts;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The work of one line of a batch: create its run (or take the one an earlier batch created), wait
 * for it, download its images; each step recorded in the journal before the next one.
 *
 * <p>It never throws: every ending is a {@link BatchOutcome}. {@link #soFar} tells where a line
 * stands when the batch stops waiting for it.
 */
final class LineRun implements Callable<BatchOutcome> {
  private final BatchLine line;
  private final RunSteps steps;
  private final BatchJournal journal;
  private final Path directory;
  private final Progress progress;
  private final CliContext context;
  private volatile RunId runId;
  private volatile String status;
  private volatile boolean sending;
  private volatile long startNanos = -1;

  /** @param runId the run an earlier batch created for the line; null to create one */
  LineRun(BatchLine line, RunId runId, RunSteps steps, BatchJournal journal, Path directory, Progress progress, CliContext context) {
    this.line = line;
    this.runId = runId;
    this.status = runId == null ? null : "created";
    this.steps = steps;
    this.journal = journal;
    this.directory = directory;
    this.progress = progress;
    this.context = context;
  }

  @Override
  public BatchOutcome call() {
    startNanos = System.nanoTime();
    if (runId == null) {
      BatchOutcome notCreated = create();
      if (notCreated != null) {
        return notCreated;
      }
    }
    try {
      Run run;
      try {
        run = steps.await(runId, update -> status = update.status().value());
      } catch (RunFailedException e) {
        status = "failed";
        journal.ended(line, runId, "failed", e.run().error().map(Object::toString).orElse(null));
        return BatchOutcome.failed(line, RunReport.of(e.run(), List.of(), context), e, elapsed());
      }
      status = "succeeded";
      journal.ended(line, runId, "succeeded", null);
      progress.downloading(run);
      List<Path> files = steps.download(run, directory);
      List<String> names = new ArrayList<>();
      files.forEach(file -> names.add(file.getFileName().toString()));
      journal.downloaded(line, runId, names);
      return BatchOutcome.succeeded(line, RunReport.of(run, files, context), elapsed());
    } catch (RuntimeException e) {
      return BatchOutcome.unfinished(line, runId, status, e, elapsed());
    }
  }

  /** Creates the line's run; null once it exists, else the line's outcome. */
  private BatchOutcome create() {
    if (steps.deadlinePassed()) {
      return BatchOutcome.notSent(line, steps.deadlineExceeded(), "not sent: the --timeout had passed before its turn came");
    }
    if (Thread.currentThread().isInterrupted()) {
      return BatchOutcome.notSent(line, new CancelledException("the batch was stopped", null, null), "not sent: the batch was stopped first");
    }
    try {
      journal.sending(line);
    } catch (UncheckedIOException e) {
      return BatchOutcome.notSent(line, e, "not sent: " + e.getMessage());
    }
    sending = true;
    RunId created;
    try {
      created = steps.create(line.request());
    } catch (RunMayExistException e) {
      recordQuietly(() -> journal.mayExist(line, e.sentAt(), ErrorLines.message(e)));
      return BatchOutcome.mayExist(line, e, ErrorLines.message(e));
    } catch (RuntimeException e) {
      recordQuietly(() -> journal.notCreated(line, ErrorLines.message(e)));
      return BatchOutcome.notCreated(line, e);
    }
    runId = created;
    status = "pending";
    try {
      journal.created(line, created);
    } catch (UncheckedIOException e) {
      context.err().println("warning: line " + line.number() + ": run " + Texts.printable(created.value())
          + " was created, but " + e.getMessage());
    }
    return null;
  }

  /**
   * Where the line stands when the batch has stopped waiting for it: unfinished with its run id,
   * unknown while its create was on its way, or not sent.
   */
  BatchOutcome soFar(RuntimeException error) {
    if (runId != null) {
      return BatchOutcome.unfinished(line, runId, status, error, elapsed());
    }
    if (sending) {
      return BatchOutcome.mayExist(line, error, "its create was on its way when the batch stopped: the run may exist");
    }
    return BatchOutcome.notSent(line, error, "not sent: the batch was stopped first");
  }

  private long elapsed() {
    return startNanos < 0 ? -1 : System.nanoTime() - startNanos;
  }

  /** A journal record after a create that did not give a run: the line's outcome says the same. */
  private void recordQuietly(Runnable record) {
    try {
      record.run();
    } catch (UncheckedIOException e) {
      context.err().println("warning: line " + line.number() + ": " + e.getMessage());
    }
  }
}
