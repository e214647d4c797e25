package dev.seedream.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How one line of a batch ended, and the summary table of all of them. */
final class BatchOutcome {
  private final int line;
  private final RunReport report;
  private final RuntimeException error;
  private final long nanos;

  private BatchOutcome(int line, RunReport report, RuntimeException error, long nanos) {
    this.line = line;
    this.report = report;
    this.error = error;
    this.nanos = nanos;
  }

  static BatchOutcome done(BatchLine line, RunReport report, long nanos) {
    return new BatchOutcome(line.number(), report, null, nanos);
  }

  static BatchOutcome failed(BatchLine line, RunReport report, RuntimeException error, long nanos) {
    return new BatchOutcome(line.number(), report, error, nanos);
  }

  static BatchOutcome bad(BatchLine line) {
    return new BatchOutcome(line.number(), null, line.problem(), 0);
  }

  int line() {
    return line;
  }

  /** The run's report; null for a line that was not sent. */
  RunReport report() {
    return report;
  }

  /** Why the line did not succeed; null when it did. */
  RuntimeException error() {
    return error;
  }

  /** The table: line, id, status, seconds, files; one row per line of the file that held something. */
  static String table(List<BatchOutcome> outcomes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LINE", "ID", "STATUS", "SECONDS", "FILES"});
    for (BatchOutcome outcome : outcomes) {
      RunReport report = outcome.report;
      rows.add(new String[] {
          Integer.toString(outcome.line),
          report == null || report.id() == null ? "-" : report.id(),
          report == null ? "invalid" : report.status(),
          report == null ? "-" : String.format(Locale.ROOT, "%.1f", outcome.nanos / 1e9),
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
