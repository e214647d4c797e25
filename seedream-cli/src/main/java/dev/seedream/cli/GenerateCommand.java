package dev.seedream.cli;

import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunMayExistException;
import dev.seedream.RunStatus;
import dev.seedream.internal.Texts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedream generate}: one prompt, one run, its images written to a directory. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {"Generates images from a prompt (and reference images).",
        "Writes them to --out and prints the files written, one per line.",
        "Progress goes to standard error."},
    footer = {"", "Example: seedream generate \"A cinematic product photo of a ceramic lamp\" -a 16:9 -q high --out out/"})
final class GenerateCommand implements Callable<Integer> {
  /** The {@code --timeout} of {@code generate} and {@code status} when none is given. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "What to draw (or give --prompt).")
  String promptArgument;

  @Option(names = "--prompt", paramLabel = "PROMPT", description = "What to draw, 1 to 3000 characters.")
  String promptOption;

  @Option(names = {"-a", "--aspect-ratio"}, paramLabel = "RATIO", completionCandidates = AspectRatios.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: the server's, 1:1).")
  String aspectRatio;

  @Option(names = {"-q", "--quality"}, paramLabel = "basic|high", description = "basic (2K) or high (4K) (default: the server's).")
  String quality;

  @Option(names = {"-i", "--image"}, paramLabel = "URL",
      description = "A reference image: an http(s) URL or a data:image/...;base64, URI (repeatable, at most 14).")
  List<String> images = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
      description = "Where to write the images, created if needed (default: the current directory).")
  String out;

  @Option(names = "--no-download", description = "Do not download: print the output URLs instead of files.")
  boolean noDownload;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the whole command may take (create, wait, download), such as 90s or 5m (default: 10m).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON object {id, status, urls, files} instead of the files.")
  boolean json;

  @Mixin ClientOptions client;

  @Mixin ReportOption sheetOption;

  GenerateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    GenerationRequest request = Inputs.request(input());
    if (noDownload && sheetOption.report != null) {
      throw new InputException("--report shows the images, so it needs them downloaded: drop --no-download, or drop --report");
    }
    Path directory = noDownload ? null : OutputDirectory.prepare(context, "--out", out);
    Deadline deadline = Deadline.after(timeout == null ? DEFAULT_TIMEOUT : timeout);
    ContactSheet sheet = sheetOption.open(context, "seedream generate", List.of(SheetCard.waiting(1, request).running()));
    Interruption interruption = context.interruption();
    interruption.attach();
    Progress progress = new Progress(context);
    RunId runId = null;
    AtomicReference<RunStatus> lastStatus = new AtomicReference<>(RunStatus.PENDING);
    long start = System.nanoTime();
    try (ClientSession session = ClientSession.open(client, context, sheet.counting(progress))) {
      RunSteps steps = new RunSteps(session.client(), deadline);
      runId = steps.create(request);
      Run run = steps.await(runId, update -> lastStatus.set(update.status()));
      lastStatus.set(run.status());
      List<Path> files = List.of();
      if (directory != null) {
        progress.downloading(run);
        files = steps.download(run, directory);
      }
      show(sheet, SheetCard.Standing.SUCCEEDED, "succeeded", runId, start, files, null);
      progress.stop();
      RunReport.of(run, files, context).print(context.out(), json);
      return ExitCode.SUCCESS.code();
    } catch (RunFailedException e) {
      show(sheet, SheetCard.Standing.FAILED, "failed", runId, start, List.of(), ErrorLines.message(e));
      progress.stop();
      if (json) {
        RunReport.of(e.run(), List.of(), context).print(context.out(), true);
      }
      throw e;
    } catch (RuntimeException e) {
      show(sheet, runId == null ? SheetCard.Standing.FAILED : SheetCard.Standing.UNFINISHED,
          runId != null ? "unfinished (" + lastStatus.get().value() + ")"
              : e instanceof RunMayExistException ? "unknown: the run may exist" : "not created",
          runId, start, List.of(), ErrorLines.message(e));
      progress.stop();
      if (runId == null) {
        return Ending.of(context, e, List.of());
      }
      if (json) {
        String error = context.interruption().signal()
            .map(signal -> "stopped by " + Interruption.describe(signal)).orElse(ErrorLines.message(e));
        RunReport.of(runId, lastStatus.get().value(), error).print(context.out(), true);
      }
      return Ending.of(context, e, List.of(Continuation.forRun(runId, noDownload ? null : out, client, json)));
    } finally {
      progress.stop();
      sheet.close();
      interruption.detach();
    }
  }

  private static void show(ContactSheet sheet, SheetCard.Standing standing, String status, RunId runId, long start, List<Path> files,
      String error) {
    sheet.set(0, sheet.card(0).ended(standing, status, runId == null ? null : Texts.printable(runId.value()),
        System.nanoTime() - start, files, error));
  }

  /** The raw input object, as the model's rules check it. */
  private Map<String, Object> input() {
    if (promptArgument != null && promptOption != null) {
      throw new InputException("the prompt was given twice: pass it as an argument or with --prompt, not both");
    }
    Map<String, Object> input = new LinkedHashMap<>();
    String prompt = promptArgument != null ? promptArgument : promptOption;
    if (prompt != null) {
      input.put("prompt", prompt);
    }
    if (aspectRatio != null) {
      input.put("aspect_ratio", aspectRatio);
    }
    if (quality != null) {
      input.put("quality", quality);
    }
    if (!images.isEmpty()) {
      input.put("image_urls", List.copyOf(images));
    }
    return input;
  }
}
