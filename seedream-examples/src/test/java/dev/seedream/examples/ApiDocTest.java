package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/api.md lists every public type of every published module (those of seedream-bom), under its package. */
class ApiDocTest {
  private static final Pattern BOM_MODULE = Pattern.compile("<artifactId>(seedream-[\\w-]+)</artifactId>");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern TYPE = Pattern.compile(
      "^( {0,2})public\\s+(?:static\\s+)?(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);
  private static final Pattern HEADING = Pattern.compile("^## `([\\w.]+)`");
  private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\|\\s*\\S.*\\|$");

  @Test
  void everyPublicTypeOfEveryPublishedModuleIsInTheApiPage() {
    Path root = Snippets.repositoryRoot();
    Set<String> documented = documented(Snippets.read(root, "docs/api.md"));
    Set<String> types = new TreeSet<>();
    for (String module : publishedModules(root)) {
      types.addAll(publicTypes(root.resolve(module).resolve("src/main/java")));
    }
    assertThat(types).as("public types found").contains("dev.seedream.SeedreamClient",
        "dev.seedream.GenerationRequest.Builder", "dev.seedream.transport.reactor.ReactiveSeedreamClient",
        "dev.seedream.testkit.FakeRunbase");
    assertThat(documented).as("docs/api.md: every public type, under its package, with a purpose").containsAll(types);
    assertThat(types).as("docs/api.md lists no type that is not there").containsAll(documented);
  }

  @Test
  void aTypeUnderTheWrongPackageOrWithoutAPurposeDoesNotCount() {
    assertThat(documented("## `dev.seedream`\n\n| type | what |\n|---|---|\n| `A` | a thing |\n| `B` |  |\n"))
        .containsExactly("dev.seedream.A");
    assertThat(publicTypesOf("package x.y;\n\npublic final class A {\n  public static final class B {}\n"
        + "  static class C {}\n    public class Deep {}\n}\n")).containsExactly("x.y.A", "x.y.A.B");
  }

  static Set<String> documented(String markdown) {
    Set<String> out = new TreeSet<>();
    String pkg = null;
    for (String line : markdown.split("\n")) {
      Matcher heading = HEADING.matcher(line);
      if (heading.find()) {
        pkg = heading.group(1);
        continue;
      }
      Matcher row = ROW.matcher(line.strip());
      if (pkg != null && row.matches() && !row.group(1).equals("type")) {
        out.add(pkg + "." + row.group(1));
      }
    }
    return out;
  }

  private static List<String> publishedModules(Path root) {
    List<String> out = new ArrayList<>();
    Matcher m = BOM_MODULE.matcher(Snippets.read(root, "seedream-bom/pom.xml"));
    while (m.find()) {
      if (!m.group(1).equals("seedream-bom") && Files.isDirectory(root.resolve(m.group(1)))) {
        out.add(m.group(1));
      }
    }
    assertThat(out).contains("seedream-core", "seedream-testkit");
    return out;
  }

  private static Set<String> publicTypes(Path sources) {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String relative = sources.relativize(file).toString().replace('\\', '/');
        if (relative.contains("/internal/") || relative.endsWith("package-info.java")) {
          continue;
        }
        out.addAll(publicTypesOf(Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<String> publicTypesOf(String source) {
    Matcher pkg = PACKAGE.matcher(source);
    String name = pkg.find() ? pkg.group(1) : "";
    List<String> out = new ArrayList<>();
    String outer = null;
    Matcher type = TYPE.matcher(source);
    while (type.find()) {
      if (type.group(1).isEmpty()) {
        outer = type.group(2);
        out.add(name + "." + outer);
      } else if (outer != null) {
        out.add(name + "." + outer + "." + type.group(2));
      }
    }
    return out;
  }
}
