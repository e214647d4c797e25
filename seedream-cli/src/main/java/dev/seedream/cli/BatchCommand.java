package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamException;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seedream batch}: many prompts through one client, so under one rate budget. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {"Generates the images of every line of a file, several runs at once.",
        "All runs go through one client, so under one rate budget; images are written to --out.",
        "A line is a prompt, or a JSON input object such as {\"prompt\": \"a lamp\", \"aspect_ratio\": \"16:9\"}.",
        "Blank lines and lines starting with # are skipped; a bad line is reported and skipped.",
        "Prints the files written, one per line (with --json: one JSON object per run);",
        "a summary table (line, id, status, seconds, files) goes to standard error.",
        "Exit code: 0 when every line succeeded, else the code of the first failed line in the file."})
final class BatchCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "One prompt or JSON input object per line; '-' reads standard input.")
  String file;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Runs in flight at once (default: 4).")
  int concurrency;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
      description = "Where to write the images, created if needed (default: the current directory).")
  String out;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait for each run, such as 90s or 5m (default: 10m).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON object {id, status, urls, files} per run instead of the files.")
  boolean json;

  @Mixin ClientOptions client;

  BatchCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1 || concurrency > 64) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 64, but was " + concurrency);
    }
    List<BatchLine> lines = BatchLine.parse(read());
    if (lines.isEmpty()) {
      throw new InputException(file + " holds no prompts: write one prompt, or one JSON input object, per line");
    }
    List<BatchOutcome> outcomes = new ArrayList<>();
    if (lines.stream().allMatch(line -> line.request() == null)) {
      lines.forEach(line -> outcomes.add(BatchOutcome.bad(line)));
      return report(outcomes);
    }
    Progress progress = new Progress(context);
    try (ClientSession session = ClientSession.open(client, context, progress)) {
      ExecutorService workers = Executors.newFixedThreadPool(concurrency, task -> {
        Thread thread = new Thread(task, "seedream-batch");
        thread.setDaemon(true);
        return thread;
      });
      try {
        List<Future<BatchOutcome>> futures = new ArrayList<>();
        for (BatchLine line : lines) {
          futures.add(line.request() == null ? null : workers.submit(() -> run(line, session.client())));
        }
        for (int i = 0; i < lines.size(); i++) {
          outcomes.add(futures.get(i) == null ? BatchOutcome.bad(lines.get(i)) : outcome(futures.get(i)));
        }
      } finally {
        workers.shutdownNow();
      }
    } finally {
      progress.stop();
    }
    return report(outcomes);
  }

  private BatchOutcome run(BatchLine line, SeedreamClient client) {
    long start = System.nanoTime();
    try {
      Run run = timeout == null ? client.generate(line.request()) : client.generate(line.request(), timeout);
      List<Path> files = client.download(run, context.resolve(out));
      return BatchOutcome.done(line, RunReport.of(run, files, context), System.nanoTime() - start);
    } catch (RunFailedException e) {
      return BatchOutcome.failed(line, RunReport.of(e.run(), List.of(), context), e, System.nanoTime() - start);
    } catch (SeedreamException e) {
      String id = e.runId().map(Object::toString).orElse(null);
      return BatchOutcome.failed(line, RunReport.failed(id, "error", e.getMessage()), e, System.nanoTime() - start);
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
    ExitCode first = ExitCode.SUCCESS;
    for (BatchOutcome outcome : outcomes) {
      if (outcome.error() != null) {
        context.err().println("line " + outcome.line() + ": " + outcome.error().getMessage());
        first = first == ExitCode.SUCCESS ? ExitCode.of(outcome.error()) : first;
      }
      if (outcome.report() != null && (json || outcome.error() == null)) {
        outcome.report().print(context.out(), json);
      }
    }
    context.err().print(BatchOutcome.table(outcomes));
    context.err().flush();
    return first.code();
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
