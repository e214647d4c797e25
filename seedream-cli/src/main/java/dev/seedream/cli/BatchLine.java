package dev.seedream.cli;

import dev.seedream.GenerationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of a batch file: a request, or the reason the line cannot be one.
 *
 * <p>A line that starts with <code>{</code> is a JSON input object ({@code {"prompt": .., "aspect_ratio":
 * ..}}); any other line is a prompt. Blank lines and lines starting with {@code #} are skipped.
 */
final class BatchLine {
  private final int number;
  private final GenerationRequest request;
  private final RuntimeException problem;

  private BatchLine(int number, GenerationRequest request, RuntimeException problem) {
    this.number = number;
    this.request = request;
    this.problem = problem;
  }

  /** The lines of a batch file that hold something, numbered from 1 as in the file. */
  static List<BatchLine> parse(String text) {
    List<BatchLine> lines = new ArrayList<>();
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      lines.add(parse(i + 1, line));
    }
    return lines;
  }

  private static BatchLine parse(int number, String line) {
    try {
      Map<?, ?> input = line.startsWith("{") ? Json.object(line, "this line") : Map.of("prompt", line);
      return new BatchLine(number, Inputs.request(input), null);
    } catch (RuntimeException e) {
      return new BatchLine(number, null, e);
    }
  }

  /** The line's number in the file, from 1. */
  int number() {
    return number;
  }

  /** The request, or null when the line is bad. */
  GenerationRequest request() {
    return request;
  }

  /** Why the line is bad, or null. */
  RuntimeException problem() {
    return problem;
  }
}
