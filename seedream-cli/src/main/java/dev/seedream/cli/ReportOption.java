package dev.seedream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --report FILE.html}: where a command writes its contact sheet (see {@link ContactSheet}). */
final class ReportOption {
  @Option(names = "--report", paramLabel = "FILE.html",
      description = "Also write an HTML contact sheet of the images (self-contained; rewritten as the runs go on).")
  String report;

  /**
   * The report's path, checked before anything is sent; null without {@code --report}.
   *
   * @throws InputException when the name does not end in {@code .html} or {@code .htm}, or names a directory
   */
  Path file(CliContext context) {
    if (report == null) {
      return null;
    }
    Path file = context.resolve(report);
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".html") && !name.endsWith(".htm")) {
      throw new InputException("--report " + report + " is not an HTML file name: give a name ending in .html, such as --report sheet.html");
    }
    if (Files.isDirectory(file)) {
      throw new InputException("--report " + context.display(file) + " is a directory: give the name of a file ending in .html");
    }
    return file;
  }

  /** Opens the sheet (writing its first page), or a sheet that writes nothing without {@code --report}. */
  ContactSheet open(CliContext context, String title, List<SheetCard> cards) {
    Path file = file(context);
    return file == null ? ContactSheet.none(cards) : ContactSheet.open(file, title, cards, context);
  }
}
