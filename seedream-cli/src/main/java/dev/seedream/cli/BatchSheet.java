package dev.seedream.cli;

import dev.seedream.SeedreamListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The contact sheet of a batch: one card per line of the file, first as the journal leaves it (so
 * a resumed batch shows the lines an earlier batch did), then as each line starts and ends.
 */
final class BatchSheet implements AutoCloseable {
  private final ContactSheet sheet;
  private final Path directory;

  private BatchSheet(ContactSheet sheet, Path directory) {
    this.sheet = sheet;
    this.directory = directory;
  }

  /**
   * Opens the sheet of {@code --report}, if given, writing its first page.
   *
   * @param outcomes the outcome of each line known before anything runs (null for a line to run)
   * @param directory where the images are written; null when nothing runs
   * @throws InputException when the report cannot be written
   */
  static BatchSheet open(ReportOption option, CliContext context, String file, List<BatchLine> lines, BatchOutcome[] outcomes,
      Path directory) {
    List<SheetCard> cards = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      SheetCard card = SheetCard.waiting(lines.get(i).number(), lines.get(i).request());
      cards.add(outcomes[i] == null ? card : card.ended(outcomes[i], directory));
    }
    String title = "seedream batch: " + (file.equals("-") ? "standard input" : file);
    return new BatchSheet(option.open(context, title, cards), directory);
  }

  /** {@code run}, its card shown running while it runs and ended when it ends. */
  Callable<BatchOutcome> tracking(int index, Callable<BatchOutcome> run) {
    return () -> {
      sheet.set(index, sheet.card(index).running());
      BatchOutcome outcome = run.call();
      sheet.set(index, sheet.card(index).ended(outcome, directory));
      return outcome;
    };
  }

  /** {@code delegate}, with the requests counted for the summary. */
  SeedreamListener counting(SeedreamListener delegate) {
    return sheet.counting(delegate);
  }

  /** Every card as the batch's outcomes say (lines stopped by a signal included). */
  void finish(BatchOutcome[] outcomes) {
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] != null) {
        sheet.set(i, sheet.card(i).ended(outcomes[i], directory));
      }
    }
  }

  /** Writes the last page. */
  @Override
  public void close() {
    sheet.close();
  }
}
