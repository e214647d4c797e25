package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedream status}: reads a run once, or waits for it to end. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Shows the status of a run, or waits for it to end.",
        "Prints its id and status on one line, then its output URLs, one per line.",
        "Exit code 6 when the run has failed."})
final class StatusCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "RUN_ID", description = "The run's id, as generate --json or --no-download printed it.")
  String runId;

  @Option(names = "--wait", description = "Wait until the run has ended (succeeded or failed).")
  boolean waitForEnd;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --wait: how long to wait, such as 90s or 5m (default: 10m).")
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
    Progress progress = new Progress(context);
    Run run;
    try (ClientSession session = ClientSession.open(client, context, progress)) {
      run = read(session.client(), id);
    } finally {
      progress.stop();
    }
    RunReport report = RunReport.of(run, List.of(), context);
    if (json) {
      report.print(context.out(), true);
    } else {
      context.out().println(report.id() + " " + report.status());
      report.print(context.out(), false);
      run.error().ifPresent(error -> context.err().println("error: run " + run.id() + " failed: " + error));
    }
    context.err().flush();
    return run.status().equals(RunStatus.FAILED) ? ExitCode.RUN_FAILED.code() : ExitCode.SUCCESS.code();
  }

  private Run read(SeedreamClient client, RunId id) {
    if (!waitForEnd) {
      return client.get(id);
    }
    try {
      return timeout == null ? client.await(id) : client.await(id, timeout);
    } catch (RunFailedException e) {
      return e.run();
    }
  }
}
