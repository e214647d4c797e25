package dev.seedream.cli;

import dev.seedream.RunId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How one line of a batch ended, and the summary table of all of them. */
final class BatchOutcome {
  /** Where a line stands at the end of a batch. */
  enum Kind {
    /** Its images were written by this batch. */
    SUCCEEDED,
    /** Its images were already in the directory, from an earlier batch: nothing was sent. */
    EARLIER,
    /** Its run ended failed (Runbase refunds it). */
    FAILED,
    /** Its run exists and has not ended, or its images are not downloaded yet: a rerun continues it. */
    UNFINISHED,
    /** Its create may have reached Runbase without an answer: not sent again without --retry-unknown. */
    MAY_EXIST,
    /** Its create failed and certainly created nothing: a rerun sends it. */
    NOT_CREATED,
    /** It was never sent (the deadline passed, or a signal came, first): a rerun sends it. */
    NOT_SENT,
    /** It is not a valid request. */
    INVALID
  }

  private final int line;
  private final Kind kind;
  private final RunReport report;
  private final RuntimeException error;
  private final String message;
  private final long nanos;

  private BatchOutcome(int line, Kind kind, RunReport report, RuntimeException error, String message, long nanos) {
    this.line = line;
    this.kind = kind;
    this.report = report;
    this.error = error;
    this.message = message;
    this.nanos = nanos;
  }

  static BatchOutcome succeeded(BatchLine line, RunReport report, long nanos) {
    return new BatchOutcome(line.number(), Kind.SUCCEEDED, report, null, null, nanos);
  }

  static BatchOutcome earlier(BatchLine line, RunReport report) {
    return new BatchOutcome(line.number(), Kind.EARLIER, report, null, null, -1);
  }

  static BatchOutcome failed(BatchLine line, RunReport report, RuntimeException error, long nanos) {
    return new BatchOutcome(line.number(), Kind.FAILED, report, error, null, nanos);
  }

  /** A line whose run exists and is not finished; {@code status} is its last known one. */
  static BatchOutcome unfinished(BatchLine line, RunId runId, String status, RuntimeException error, long nanos) {
    return new BatchOutcome(line.number(), Kind.UNFINISHED, RunReport.of(runId, status, ErrorLines.message(error)), error, null, nanos);
  }

  /** A line whose create may have reached Runbase; {@code error} may be null when the journal says so. */
  static BatchOutcome mayExist(BatchLine line, RuntimeException error, String message) {
    return new BatchOutcome(line.number(), Kind.MAY_EXIST, RunReport.of(null, "unknown", message), error, message, -1);
  }

  static BatchOutcome notCreated(BatchLine line, RuntimeException error) {
    return new BatchOutcome(line.number(), Kind.NOT_CREATED, RunReport.of(null, "error", ErrorLines.message(error)), error, null, -1);
  }

  static BatchOutcome notSent(BatchLine line, RuntimeException error, String message) {
    return new BatchOutcome(line.number(), Kind.NOT_SENT, RunReport.of(null, "not-sent", message), error, message, -1);
  }

  static BatchOutcome invalid(BatchLine line) {
    return new BatchOutcome(line.number(), Kind.INVALID, null, line.problem(), null, -1);
  }

  int line() {
    return line;
  }

  Kind kind() {
    return kind;
  }

  /** How long the line took in this batch, in nanoseconds; below 0 when not known. */
  long nanos() {
    return nanos;
  }

  /** The run's report; null for a line that is not a valid request. */
  RunReport report() {
    return report;
  }

  /** Why the line did not succeed; null when it did, or when the journal alone says why. */
  RuntimeException error() {
    return error;
  }

  /** What to tell the user about the line; null when it succeeded. */
  String message() {
    return message != null ? message : error == null ? null : ErrorLines.message(error);
  }

  /** The line's exit code: {@link ExitCode#RUN_MAY_EXIST} for an unknown create, else its error's. */
  ExitCode exitCode() {
    if (kind == Kind.SUCCEEDED || kind == Kind.EARLIER) {
      return ExitCode.SUCCESS;
    }
    return kind == Kind.MAY_EXIST || error == null ? ExitCode.RUN_MAY_EXIST : ExitCode.of(error);
  }

  /** One JSON object for {@code --json}: the report's fields with the line number first. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("line", line);
    if (report == null) {
      json.put("id", null);
      json.put("status", "invalid");
      json.put("urls", List.of());
      json.put("files", List.of());
      json.put("error", ErrorLines.message(error));
    } else {
      json.putAll(report.toJson());
    }
    return json;
  }

  /**
   * The table: line, id, status, seconds, files; one row per line of the file that held something.
   * The id is {@code -} only for a line never created, and {@code ?} for one whose create may have
   * reached Runbase; the seconds are {@code earlier} for a line done by an earlier batch.
   */
  static String table(List<BatchOutcome> outcomes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LINE", "ID", "STATUS", "SECONDS", "FILES"});
    for (BatchOutcome outcome : outcomes) {
      RunReport report = outcome.report;
      String id = outcome.kind == Kind.MAY_EXIST ? "?" : report == null || report.id() == null ? "-" : report.id();
      rows.add(new String[] {
          Integer.toString(outcome.line),
          id,
          report == null ? "invalid" : report.status(),
          outcome.kind == Kind.EARLIER ? "earlier" : outcome.nanos < 0 ? "-" : String.format(Locale.ROOT, "%.1f", outcome.nanos / 1e9),
          report == null || report.files().isEmpty() ? "-" : names(report.files())});
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String names(List<String> files) {
    List<String> names = new ArrayList<>();
    for (String file : files) {
      names.add(Path.of(file).getFileName().toString());
    }
    return String.join(",", names);
  }
}
