package dev.seedream.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the Java blocks of Markdown files against their sources: each {@code ```java} block must
 * follow a {@code <!-- snippet: path#tag -->} comment, and equal (after stripping common indentation)
 * the lines between {@code // tag::tag[]} and {@code // end::tag[]} of that file. With {@code
 * <!-- snippet: path#tag imports -->}, the block starts with the file's import lines that the region
 * uses, then a blank line; the first Java block of every guide has it.
 */
final class Snippets {
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)#([\\w.-]+)(\\s+imports)?\\s*-->\\s*$");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;\\s*$");
  private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*([\\w+-]*).*$");
  private static final Pattern TAG_LINE = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w.-]+)\\[\\]\\s*$");

  private Snippets() {}

  /** The problems of one Markdown text, each as {@code name:line: what}; empty when all is well. */
  static List<String> check(String name, String markdown, Function<String, String> sources) {
    List<String> problems = new ArrayList<>();
    String[] lines = markdown.split("\r?\n", -1);
    Matcher pending = null;
    int pendingLine = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher fence = FENCE.matcher(lines[i]);
      if (fence.matches()) {
        int end = closingFence(lines, i, fence.group(1));
        boolean java = fence.group(2).equalsIgnoreCase("java");
        if (java && pending == null) {
          problems.add(name + ":" + (i + 1) + ": a ```java block without a <!-- snippet: path#tag --> comment before it");
        } else if (java) {
          List<String> block = List.of(lines).subList(i + 1, Math.min(end, lines.length));
          compare(name, i + 1, pending.group(1), pending.group(2), pending.group(3) != null, block, sources, problems);
        } else if (pending != null) {
          problems.add(name + ":" + pendingLine + ": a snippet comment not followed by a ```java block");
        }
        pending = null;
        i = end;
        continue;
      }
      Matcher marker = MARKER.matcher(lines[i]);
      if (marker.matches()) {
        if (pending != null) {
          problems.add(name + ":" + pendingLine + ": a snippet comment not followed by a ```java block");
        }
        pending = marker;
        pendingLine = i + 1;
      } else if (pending != null && !lines[i].isBlank()) {
        problems.add(name + ":" + pendingLine + ": a snippet comment not followed by a ```java block");
        pending = null;
      }
    }
    if (pending != null) {
      problems.add(name + ":" + pendingLine + ": a snippet comment not followed by a ```java block");
    }
    return problems;
  }

  private static int closingFence(String[] lines, int open, String fence) {
    for (int j = open + 1; j < lines.length; j++) {
      if (lines[j].strip().startsWith(fence) && lines[j].strip().replace(fence.substring(0, 1), "").isEmpty()) {
        return j;
      }
    }
    return lines.length;
  }

  private static void compare(
      String name, int line, String path, String tag, boolean imports, List<String> block,
      Function<String, String> sources, List<String> problems) {
    String where = name + ":" + line + ": snippet " + path + "#" + tag;
    String source = sources.apply(path);
    if (source == null) {
      problems.add(where + ": no such file");
      return;
    }
    List<String> region = region(source, tag);
    if (region == null) {
      problems.add(where + ": no region '// tag::" + tag + "[]' ... '// end::" + tag + "[]' in that file");
      return;
    }
    List<String> expected = normalise(region);
    if (imports) {
      List<String> used = importsUsed(source, expected);
      if (used.isEmpty()) {
        problems.add(where + ": marked 'imports', but the region uses none of the file's imports");
        return;
      }
      List<String> withImports = new ArrayList<>(used);
      withImports.add("");
      withImports.addAll(expected);
      expected = withImports;
    }
    List<String> actual = normalise(block);
    if (!expected.equals(actual)) {
      problems.add(where + ": differs from its source\n--- source\n" + String.join("\n", expected)
          + "\n--- markdown\n" + String.join("\n", actual));
    }
  }

  /** The import lines of {@code source} whose simple name is a word of {@code region}, in the file's order. */
  static List<String> importsUsed(String source, List<String> region) {
    String text = String.join("\n", region);
    List<String> out = new ArrayList<>();
    for (String line : source.split("\r?\n", -1)) {
      Matcher m = IMPORT.matcher(line.strip());
      if (m.matches()) {
        String name = m.group(2).substring(m.group(2).lastIndexOf('.') + 1);
        if (Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b").matcher(text).find()) {
          out.add(line.strip());
        }
      }
    }
    return out;
  }

  /** The first Java block's marker of a Markdown text, or null if it has no Java block. */
  static String firstMarker(String markdown) {
    String previous = null;
    for (String line : markdown.split("\r?\n", -1)) {
      if (line.strip().equals("```java")) {
        return previous;
      }
      if (!line.isBlank()) {
        previous = line.strip();
      }
    }
    return null;
  }

  /** The lines of a tagged region, without the tag lines of this or nested regions; null if absent. */
  static List<String> region(String source, String tag) {
    List<String> out = null;
    for (String line : source.split("\r?\n", -1)) {
      Matcher m = TAG_LINE.matcher(line);
      if (m.matches()) {
        if (m.group(2).equals(tag)) {
          if (m.group(1).equals("tag")) {
            if (out != null) {
              return null;
            }
            out = new ArrayList<>();
          } else {
            return out;
          }
        }
        continue;
      }
      if (out != null) {
        out.add(line);
      }
    }
    return null;
  }

  /** Trailing blanks and blank edge lines dropped, and the indentation common to all lines removed. */
  static List<String> normalise(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.stripTrailing());
    }
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    int indent = Integer.MAX_VALUE;
    for (String line : out) {
      if (!line.isEmpty()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> result = new ArrayList<>();
    for (String line : out) {
      result.add(line.isEmpty() ? line : line.substring(indent));
    }
    return result;
  }

  /** The repository root: {@code repo.root}, else the first parent of the working directory with docs/. */
  static Path repositoryRoot() {
    String property = System.getProperty("repo.root");
    Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (with README.md and docs/) above " + start);
  }

  /** The text of a file under the root, or null if there is none. */
  static String read(Path root, String relative) {
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
