package dev.seedream.cli;

import dev.seedream.CancelledException;
import dev.seedream.RunId;
import dev.seedream.internal.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code seedream batch}: many prompts through one client, so under one rate budget, resumable
 * through the journal it keeps in the output directory (see {@link BatchJournal}).
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {"Generates the images of every line of a file, several runs at once.",
        "All runs go through one client, so under one rate budget; images are written to --out.",
        "A line is a prompt, or a JSON input object such as {\"prompt\": \"a lamp\", \"aspect_ratio\": \"16:9\"}.",
        "Blank lines and lines starting with # are skipped; a bad line is reported and skipped.",
        "Prints the files written, one per line (with --json: one JSON object per line of the file);",
        "a summary table (line, id, status, seconds, files) goes to standard error.",
        "Each line's run is recorded in --out/" + BatchJournal.FILE_NAME + ", so the same command again resumes:",
        "lines with images are skipped, lines with a run are waited for, only lines never created are created.",
        "Exit code: 0 when every line succeeded, else the code of the first failed line in the file."})
final class BatchCommand implements Callable<Integer> {
  /** How long a stopped batch waits for its lines to report, beyond the grace of a create in flight. */
  private static final Duration STOP_WAIT = Interruption.CREATE_GRACE.plusSeconds(3);

  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "One prompt or JSON input object per line; '-' reads standard input.")
  String file;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Runs in flight at once (default: 4).")
  int concurrency;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
      description = "Where to write the images and the journal, created if needed (default: the current directory).")
  String out;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the whole batch may take, such as 30m (default: none; each run's wait has 10m).")
  Duration timeout;

  @Option(names = "--retry-unknown",
      description = "Create again the lines whose create may have reached Runbase without an answer (they may be billed twice).")
  boolean retryUnknown;

  @Option(names = "--json", description = "Print one JSON object {line, id, status, urls, files} per line instead of the files.")
  boolean json;

  @Mixin ClientOptions client;

  @Mixin ReportOption sheetOption;

  BatchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    if (concurrency < 1 || concurrency > 64) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 64, but was " + concurrency);
    }
    List<BatchLine> lines = BatchLine.parse(read());
    if (lines.isEmpty()) {
      throw new InputException(file + " holds no prompts: write one prompt, or one JSON input object, per line");
    }
    BatchOutcome[] outcomes = new BatchOutcome[lines.size()];
    if (lines.stream().allMatch(line -> line.request() == null)) {
      for (int i = 0; i < lines.size(); i++) {
        outcomes[i] = BatchOutcome.invalid(lines.get(i));
      }
      BatchSheet.open(sheetOption, context, file, lines, outcomes, null).close();
      return report(List.of(outcomes));
    }
    Path directory = OutputDirectory.prepare(context, "--out", out);
    Interruption interruption = context.interruption();
    interruption.attach();
    try (BatchJournal journal = BatchJournal.open(directory, context)) {
      List<Integer> toRun = new ArrayList<>();
      List<RunId> resumed = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        BatchLine line = lines.get(i);
        outcomes[i] = plan(line, journal, directory, resumed);
        if (outcomes[i] == null) {
          toRun.add(i);
        }
      }
      try (BatchSheet sheet = BatchSheet.open(sheetOption, context, file, lines, outcomes, directory)) {
        if (!toRun.isEmpty()) {
          run(lines, toRun, resumed, new Shared(journal, directory, deadline, sheet), outcomes);
        }
        sheet.finish(outcomes);
      }
      return report(List.of(outcomes));
    } finally {
      interruption.detach();
    }
  }

  /**
   * Where the journal says the line stands: its outcome when nothing is to be done for it (its
   * images are there, or its create may have reached Runbase), else null with the run to resume
   * (or null, to create one) added to {@code resumed}.
   */
  private BatchOutcome plan(BatchLine line, BatchJournal journal, Path directory, List<RunId> resumed) {
    if (line.request() == null) {
      return BatchOutcome.invalid(line);
    }
    BatchJournal.Entry entry = journal.entry(line);
    if (entry != null && entry.runId() != null) {
      RunId runId;
      try {
        runId = RunId.of(entry.runId());
      } catch (IllegalArgumentException e) {
        return BatchOutcome.mayExist(line, new InputException(e.getMessage()),
            "the journal holds a run id for this line that is not valid: check the journal " + context.display(journal.file()));
      }
      if (entry.status().equals("downloaded") && allThere(directory, entry.files())) {
        List<Path> files = new ArrayList<>();
        entry.files().forEach(name -> files.add(directory.resolve(name)));
        return BatchOutcome.earlier(line, RunReport.earlier(runId, files, context));
      }
      resumed.add(runId);
      return null;
    }
    if (entry != null && entry.mayExist() && !retryUnknown) {
      String sentAt = entry.sentAt() == null ? "" : " (sent at " + Texts.printable(entry.sentAt()) + ")";
      return BatchOutcome.mayExist(line, null, "an earlier batch's create of this line" + sentAt
          + " may have reached Runbase without an answer: it is not sent again without --retry-unknown");
    }
    resumed.add(null);
    return null;
  }

  private static boolean allThere(Path directory, List<String> names) {
    return !names.isEmpty() && names.stream().allMatch(name -> Files.isRegularFile(directory.resolve(name)));
  }

  /** What every line of one batch shares. */
  private record Shared(BatchJournal journal, Path directory, Deadline deadline, BatchSheet sheet) {}

  private void run(List<BatchLine> lines, List<Integer> toRun, List<RunId> resumed, Shared batch, BatchOutcome[] outcomes)
      throws InterruptedException {
    Progress progress = new Progress(context);
    try (ClientSession session = ClientSession.open(client, context, batch.sheet().counting(progress))) {
      RunSteps steps = new RunSteps(session.client(), batch.deadline());
      ExecutorService workers = Executors.newFixedThreadPool(concurrency, task -> {
        Thread thread = new Thread(task, "seedream-batch");
        thread.setDaemon(true);
        return thread;
      });
      List<LineRun> runs = new ArrayList<>();
      List<Future<BatchOutcome>> futures = new ArrayList<>();
      for (int k = 0; k < toRun.size(); k++) {
        LineRun run = new LineRun(lines.get(toRun.get(k)), resumed.get(k), steps, batch.journal(), batch.directory(), progress, context);
        runs.add(run);
        futures.add(workers.submit(batch.sheet().tracking(toRun.get(k), run)));
      }
      try {
        for (int k = 0; k < toRun.size(); k++) {
          outcomes[toRun.get(k)] = outcome(futures.get(k));
        }
      } catch (InterruptedException e) {
        workers.shutdownNow();
        workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        CancelledException stopped = new CancelledException("the batch was stopped", null, e);
        for (int k = 0; k < toRun.size(); k++) {
          Future<BatchOutcome> future = futures.get(k);
          if (outcomes[toRun.get(k)] == null) {
            outcomes[toRun.get(k)] = future.isDone() && !future.isCancelled() ? outcome(future) : runs.get(k).soFar(stopped);
          }
        }
      } finally {
        workers.shutdownNow();
      }
    } finally {
      progress.stop();
    }
  }

  private static BatchOutcome outcome(Future<BatchOutcome> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException ? (RuntimeException) cause : new IllegalStateException(cause);
    }
  }

  private int report(List<BatchOutcome> outcomes) {
    boolean stopped = context.interruption().signal().isPresent();
    ExitCode first = ExitCode.SUCCESS;
    List<Integer> unknown = new ArrayList<>();
    int toContinue = 0;
    for (BatchOutcome outcome : outcomes) {
      if (outcome.message() != null) {
        if (!(stopped && outcome.error() instanceof CancelledException)) {
          ErrorLines.print(context.err(), "line " + outcome.line() + ": ", outcome.message());
        }
        first = first == ExitCode.SUCCESS ? outcome.exitCode() : first;
      }
      if (outcome.kind() == BatchOutcome.Kind.MAY_EXIST) {
        unknown.add(outcome.line());
      }
      if (outcome.kind() == BatchOutcome.Kind.UNFINISHED || outcome.kind() == BatchOutcome.Kind.NOT_SENT
          || outcome.kind() == BatchOutcome.Kind.NOT_CREATED) {
        toContinue++;
      }
      if (json) {
        context.out().println(Json.write(outcome.toJson()));
      } else if (outcome.kind() == BatchOutcome.Kind.SUCCEEDED || outcome.kind() == BatchOutcome.Kind.EARLIER) {
        outcome.report().print(context.out(), false);
      }
    }
    context.out().flush();
    context.interruption().signal().ifPresent(signal -> context.err().println(
        "stopped by " + Interruption.describe(signal) + ": polling stopped, partial downloads removed; every run created is in the journal"));
    context.err().print(BatchOutcome.table(outcomes));
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    if (!unknown.isEmpty()) {
      List<String> retry = new ArrayList<>(args);
      if (!retry.contains("--retry-unknown")) {
        retry.add("--retry-unknown");
      }
      context.err().println((unknown.size() == 1 ? "line " : "lines ") + join(unknown)
          + ": the create may have reached Runbase without an answer, so the run may exist and be billed;"
          + " it was not sent again. Look for it in your Runbase account; to create it again anyway: "
          + Continuation.sameCommand(retry));
    }
    if (toContinue > 0) {
      context.err().println(toContinue + (toContinue == 1 ? " line is" : " lines are")
          + " not finished; continue with: " + Continuation.sameCommand(args));
    }
    context.err().flush();
    return context.interruption().signal().orElse(first).code();
  }

  private static String join(List<Integer> numbers) {
    List<String> shown = new ArrayList<>();
    numbers.forEach(number -> shown.add(Integer.toString(number)));
    return String.join(", ", shown);
  }

  private String read() {
    try {
      return file.equals("-")
          ? new String(context.in().readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(context.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read the batch file " + file + ": " + e.getMessage(), e);
    }
  }
}
