package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.internal.Texts;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the command reports about one run: on stdout as files or URLs, or as one JSON object.
 *
 * <p>Everything a server sent is held as it may reach a terminal: ids, statuses and errors through
 * {@link Texts#printable}, URLs in their ASCII form (any other character percent-encoded, which
 * keeps them exact and usable, however long they are).
 */
final class RunReport {
  private final String id;
  private final String status;
  private final List<String> urls;
  private final List<String> files;
  private final String error;

  private RunReport(String id, String status, List<String> urls, List<String> files, String error) {
    this.id = id;
    this.status = status;
    this.urls = List.copyOf(urls);
    this.files = List.copyOf(files);
    this.error = error;
  }

  /** A run as read, with the files written for it (shown as the context displays paths). */
  static RunReport of(Run run, List<Path> files, CliContext context) {
    List<String> urls = new ArrayList<>();
    for (URI url : run.outputUrls()) {
      urls.add(url.toASCIIString());
    }
    List<String> shown = new ArrayList<>();
    for (Path file : files) {
      shown.add(Texts.printable(context.display(file)));
    }
    return new RunReport(Texts.printable(run.id().value()), Texts.printable(run.status().value()), urls, shown,
        run.error().map(error -> Texts.printable(error.toString())).orElse(null));
  }

  /** A succeeded run whose images an earlier command wrote: the URLs are not known any more. */
  static RunReport earlier(RunId runId, List<Path> files, CliContext context) {
    List<String> shown = new ArrayList<>();
    for (Path file : files) {
      shown.add(Texts.printable(context.display(file)));
    }
    return new RunReport(Texts.printable(runId.value()), "succeeded", List.of(), shown, null);
  }

  /** A run without a result the command could read; {@code runId} is null when no run is known. */
  static RunReport of(RunId runId, String status, String error) {
    return new RunReport(runId == null ? null : Texts.printable(runId.value()), Texts.printable(status), List.of(),
        List.of(), Texts.printable(error));
  }

  String id() {
    return id;
  }

  String status() {
    return status;
  }

  List<String> urls() {
    return urls;
  }

  List<String> files() {
    return files;
  }

  /**
   * Prints the report on standard output: one JSON object on one line, or the files written one
   * per line (the output URLs when nothing was written).
   */
  void print(PrintWriter out, boolean json) {
    if (json) {
      out.println(Json.write(toJson()));
    } else {
      (files.isEmpty() ? urls : files).forEach(out::println);
    }
    out.flush();
  }

  /** {@code {"id", "status", "urls", "files"}}, and {@code "error"} when there is one. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("status", status);
    json.put("urls", urls);
    json.put("files", files);
    if (error != null) {
      json.put("error", error);
    }
    return json;
  }
}
