package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SnippetsTest {
  private static final String SOURCE =
      String.join("\n",
          "class A {",
          "  void a() {",
          "    // tag::hello[]",
          "    System.out.println(\"hello\");",
          "    // tag::inner[]",
          "    int x = 1;",
          "    // end::inner[]",
          "    // end::hello[]",
          "  }",
          "}");

  private static List<String> check(String markdown) {
    Map<String, String> files = Map.of("ex/A.java", SOURCE);
    return Snippets.check("doc.md", markdown, files::get);
  }

  @Test
  void everyJavaBlockInTheReadmeAndDocsEqualsItsSource() throws IOException {
    Path root = Snippets.repositoryRoot();
    List<Path> markdown = new ArrayList<>();
    markdown.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
    }
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (Path file : markdown) {
      String text = Files.readString(file);
      blocks += (int) text.lines().filter(l -> l.strip().equals("```java")).count();
      problems.addAll(Snippets.check(root.relativize(file).toString(), text, path -> Snippets.read(root, path)));
    }
    assertThat(problems).as("snippets out of step with seedream-examples").isEmpty();
    for (Path file : markdown) {
      String first = Snippets.firstMarker(Files.readString(file));
      if (first != null) {
        assertThat(first).as("the first Java block of %s shows its imports", root.relativize(file))
            .matches("<!-- snippet: \\S+#[\\w.-]+ imports -->");
      }
    }
    assertThat(blocks).as("java blocks checked").isGreaterThanOrEqualTo(10);
  }

  @Test
  void aMarkedBlockEqualToItsRegionPassesWhateverItsIndentation() {
    assertThat(check("<!-- snippet: ex/A.java#hello -->\n```java\nSystem.out.println(\"hello\");\nint x = 1;\n```\n"))
        .isEmpty();
    assertThat(check("<!-- snippet: ex/A.java#inner -->\n\n```java\n  int x = 1;\n```\n")).isEmpty();
  }

  @Test
  void aBlockMarkedImportsStartsWithTheImportsItsRegionUses() {
    Map<String, String> files = Map.of("ex/B.java", String.join("\n",
        "import java.util.List;", "import java.util.Map;", "import static java.lang.Math.max;", "class B {",
        "  // tag::use[]", "  List<String> x = List.of(); int y = max(1, 2);", "  // end::use[]", "}"));
    String good = "<!-- snippet: ex/B.java#use imports -->\n```java\nimport java.util.List;\nimport static java.lang.Math.max;\n\n"
        + "List<String> x = List.of(); int y = max(1, 2);\n```\n";
    assertThat(Snippets.check("doc.md", good, files::get)).isEmpty();

    String missing = "<!-- snippet: ex/B.java#use imports -->\n```java\nList<String> x = List.of(); int y = max(1, 2);\n```\n";
    assertThat(Snippets.check("doc.md", missing, files::get)).singleElement().asString().contains("differs from its source");
    String extra = "<!-- snippet: ex/B.java#use imports -->\n```java\nimport java.util.List;\nimport java.util.Map;\n"
        + "import static java.lang.Math.max;\n\nList<String> x = List.of(); int y = max(1, 2);\n```\n";
    assertThat(Snippets.check("doc.md", extra, files::get)).singleElement().asString().contains("differs from its source");
  }

  @Test
  void theFirstMarkerIsTheOneBeforeTheFirstJavaBlock() {
    assertThat(Snippets.firstMarker("text\n\n<!-- snippet: a#b imports -->\n```java\nx\n```\n<!-- snippet: a#c -->\n```java\n```"))
        .isEqualTo("<!-- snippet: a#b imports -->");
    assertThat(Snippets.firstMarker("```sh\nls\n```\n")).isNull();
  }

  @Test
  void aBlockThatDiffersFromItsRegionFails() {
    assertThat(check("<!-- snippet: ex/A.java#hello -->\n```java\nSystem.out.println(\"bye\");\nint x = 1;\n```\n"))
        .singleElement().asString().contains("doc.md:2", "differs from its source");
  }

  @Test
  void aJavaBlockWithoutMarkerFails() {
    assertThat(check("text\n\n```java\nint x = 1;\n```\n")).singleElement().asString()
        .contains("doc.md:3", "without a <!-- snippet");
    assertThat(check("```sh\nls\n```\n")).isEmpty();
  }

  @Test
  void aMarkerPointingAtAMissingFileOrTagFails() {
    assertThat(check("<!-- snippet: ex/B.java#hello -->\n```java\nint x = 1;\n```\n"))
        .singleElement().asString().contains("no such file");
    assertThat(check("<!-- snippet: ex/A.java#nope -->\n```java\nint x = 1;\n```\n"))
        .singleElement().asString().contains("no region '// tag::nope[]'");
  }

  @Test
  void aMarkerWithoutItsBlockFails() {
    assertThat(check("<!-- snippet: ex/A.java#inner -->\nsome text\n\n```java\nint x = 1;\n```\n"))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("doc.md:1", "not followed by a ```java block"));
  }
}
