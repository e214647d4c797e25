package dev.seedream.cli;

import dev.seedream.GenerationRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a batch file: a request, or the reason the line cannot be one.
 *
 * <p>A line that starts with <code>{</code> is a JSON input object ({@code {"prompt": .., "aspect_ratio":
 * ..}}); any other line is a prompt. Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>A line is known to the batch journal by its {@link #key()}: the SHA-256 of its request as sent
 * (model and input) and which occurrence of that request in the file it is. So a line that moves
 * (another line inserted above it) is still the same line, two equal lines are two lines, and a
 * changed line is a new one.
 */
final class BatchLine {
  private final int number;
  private final GenerationRequest request;
  private final RuntimeException problem;
  private final String hash;
  private final int occurrence;

  private BatchLine(int number, GenerationRequest request, RuntimeException problem, String hash, int occurrence) {
    this.number = number;
    this.request = request;
    this.problem = problem;
    this.hash = hash;
    this.occurrence = occurrence;
  }

  /** The lines of a batch file that hold something, numbered from 1 as in the file. */
  static List<BatchLine> parse(String text) {
    List<BatchLine> lines = new ArrayList<>();
    Map<String, Integer> occurrences = new HashMap<>();
    String[] raw = text.split("\r?\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      lines.add(parse(i + 1, line, occurrences));
    }
    return lines;
  }

  private static BatchLine parse(int number, String line, Map<String, Integer> occurrences) {
    GenerationRequest request;
    try {
      Map<?, ?> input = line.startsWith("{") ? Json.object(line, "this line") : Map.of("prompt", line);
      request = Inputs.request(input);
    } catch (RuntimeException e) {
      return new BatchLine(number, null, e, null, 0);
    }
    String hash = hash(request);
    return new BatchLine(number, request, null, hash, occurrences.merge(hash, 1, Integer::sum));
  }

  /** The hex SHA-256 of {@code {"model": .., "input": ..}} as the create sends it. */
  static String hash(GenerationRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", request.model());
    body.put("input", request.toWire());
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(Json.write(body).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
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

  /** The hash of the request; null for a bad line. */
  String hash() {
    return hash;
  }

  /** Which occurrence of this request in the file the line is, from 1; 0 for a bad line. */
  int occurrence() {
    return occurrence;
  }

  /** What the journal knows the line by: {@code <hash>#<occurrence>}; null for a bad line. */
  String key() {
    return key(hash, occurrence);
  }

  static String key(String hash, int occurrence) {
    return hash == null ? null : hash + "#" + occurrence;
  }
}
