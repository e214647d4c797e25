package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunNotFoundException;
import dev.seedream.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedream status}: reads a run once, or waits for it to end and downloads its images. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Shows the status of a run, or waits for it to end and downloads its images.",
        "Prints its id and status on one line, then the files written (or its output URLs), one per line.",
        "With --wait (or --out), a succeeded run's images are downloaded into --out as generate does.",
        "Exit code 6 when the run has failed."},
    footer = {"", "Example: seedream status run_bdd732262feb6e957635 --wait --out out/"})
final class StatusCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "RUN_ID", description = "The run's id, as generate, batch or an interrupted command printed it.")
  String runId;

  @Option(names = "--wait", description = "Wait until the run has ended (succeeded or failed), then download its images.")
  boolean waitForEnd;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Where to write the images of a succeeded run, created if needed (default with --wait: the current directory).")
  String out;

  @Option(names = "--no-download", description = "Do not download: print the output URLs instead of files.")
  boolean noDownload;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the whole command may take (wait and download), such as 90s or 5m (default: 10m).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON object {id, status, urls, files}.")
  boolean json;

  @Mixin ClientOptions client;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RunId id;
    try {
      id = RunId.of(runId);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    if (noDownload && out != null) {
      throw new InputException("--out and --no-download exclude each other: give one of them");
    }
    String target = noDownload || (!waitForEnd && out == null) ? null : out == null ? "." : out;
    Path directory = target == null ? null : OutputDirectory.prepare(context, "--out", target);
    Deadline deadline = Deadline.after(timeout == null ? GenerateCommand.DEFAULT_TIMEOUT : timeout);
    Interruption interruption = context.interruption();
    interruption.attach();
    Progress progress = new Progress(context);
    try (ClientSession session = ClientSession.open(client, context, progress)) {
      RunSteps steps = new RunSteps(session.client(), deadline);
      Run run = read(session, steps, id);
      List<Path> files = List.of();
      if (directory != null && run.status().equals(RunStatus.SUCCEEDED)) {
        progress.downloading(run);
        files = steps.download(run, directory);
      }
      progress.stop();
      RunReport report = RunReport.of(run, files, context);
      print(report);
      run.error().ifPresent(error -> ErrorLines.print(context.err(), "error: run " + report.id() + " failed: ", error.toString()));
      return run.status().equals(RunStatus.FAILED) ? ExitCode.RUN_FAILED.code() : ExitCode.SUCCESS.code();
    } catch (RunNotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      progress.stop();
      List<String> continuation = waitForEnd || target != null
          ? List.of(Continuation.forRun(id, noDownload ? null : target == null ? "." : target, client, json))
          : List.of();
      return Ending.of(context, e, continuation);
    } finally {
      progress.stop();
      interruption.detach();
    }
  }

  private Run read(ClientSession session, RunSteps steps, RunId id) {
    if (!waitForEnd) {
      return session.client().get(id);
    }
    try {
      return steps.await(id, update -> {});
    } catch (RunFailedException e) {
      return e.run();
    }
  }

  private void print(RunReport report) {
    if (json) {
      report.print(context.out(), true);
    } else {
      context.out().println(report.id() + " " + report.status());
      report.print(context.out(), false);
    }
    context.err().flush();
  }
}
