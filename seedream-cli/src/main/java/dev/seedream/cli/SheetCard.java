package dev.seedream.cli;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the contact sheet shows of one line: its request, where its run stands and its images.
 * Texts are held as they came (a server's error included); {@link ContactSheetHtml} escapes them.
 *
 * @param line the line's number in the batch file (1 for {@code generate})
 * @param prompt the prompt; null for a line that is not a valid request
 * @param ratio the aspect ratio asked for (the server's default, 1:1, when none was)
 * @param quality the quality asked for (the server's default, basic, when none was)
 * @param runId the run's id; null while none is known
 * @param standing where the line stands, for the summary
 * @param status the status shown
 * @param elapsed how long the line took, as shown; null when not known
 * @param images the images written, absolute
 * @param error why the line did not succeed; null when it did or has not ended
 */
record SheetCard(int line, String prompt, AspectRatio ratio, Quality quality, String runId, Standing standing, String status,
    String elapsed, List<Path> images, String error) {

  /** Where a line stands. */
  enum Standing {
    WAITING, RUNNING, SUCCEEDED, FAILED, UNFINISHED
  }

  SheetCard {
    images = List.copyOf(images);
  }

  /** A line not started yet; {@code request} null for a line that is not a valid request. */
  static SheetCard waiting(int line, GenerationRequest request) {
    return new SheetCard(line, request == null ? null : request.prompt(),
        request == null ? AspectRatio.RATIO_1_1 : request.aspectRatio().orElse(AspectRatio.RATIO_1_1),
        request == null ? Quality.BASIC : request.quality().orElse(Quality.BASIC),
        null, Standing.WAITING, "waiting", null, List.of(), null);
  }

  /** The same line, its run under way. */
  SheetCard running() {
    return new SheetCard(line, prompt, ratio, quality, runId, Standing.RUNNING, "running", null, images, null);
  }

  /** The same line, ended; {@code nanos} below 0 when not known. */
  SheetCard ended(Standing standing, String status, String runId, long nanos, List<Path> images, String error) {
    return new SheetCard(line, prompt, ratio, quality, runId, standing, status,
        nanos < 0 ? null : String.format(Locale.ROOT, "%.1f s", nanos / 1e9), images, error);
  }

  /** The same line as a batch line's outcome tells it; its images are in {@code directory}. */
  SheetCard ended(BatchOutcome outcome, Path directory) {
    RunReport report = outcome.report();
    List<Path> images = new ArrayList<>();
    if (report != null && directory != null) {
      report.files().forEach(shown -> images.add(directory.resolve(Path.of(shown).getFileName().toString())));
    }
    String id = report == null ? null : report.id();
    switch (outcome.kind()) {
      case SUCCEEDED:
        return ended(Standing.SUCCEEDED, "succeeded", id, outcome.nanos(), images, null);
      case EARLIER:
        return ended(Standing.SUCCEEDED, "succeeded", id, -1, images, null).withElapsed("earlier batch");
      case FAILED:
        return ended(Standing.FAILED, "failed", id, outcome.nanos(), List.of(), outcome.message());
      case MAY_EXIST:
        return ended(Standing.FAILED, "unknown: the run may exist", null, -1, List.of(), outcome.message());
      case NOT_CREATED:
        return ended(Standing.FAILED, "not created", null, -1, List.of(), outcome.message());
      case INVALID:
        return ended(Standing.FAILED, "invalid", null, -1, List.of(), outcome.message());
      case UNFINISHED:
        return ended(Standing.UNFINISHED, "unfinished (" + report.status() + ")", id, outcome.nanos(), List.of(), outcome.message());
      default:
        return ended(Standing.UNFINISHED, "not sent", null, -1, List.of(), outcome.message());
    }
  }

  private SheetCard withElapsed(String shown) {
    return new SheetCard(line, prompt, ratio, quality, runId, standing, status, shown, images, error);
  }
}
