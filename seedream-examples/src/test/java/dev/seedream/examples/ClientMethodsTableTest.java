package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.SeedreamAsyncClient;
import dev.seedream.SeedreamClient;
import dev.seedream.transport.reactor.ReactiveSeedreamClient;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The table of operations in docs/transports.md is every public method of the three clients, and no other. */
class ClientMethodsTableTest {
  private static final List<Class<?>> CLIENTS =
      List.of(SeedreamClient.class, SeedreamAsyncClient.class, ReactiveSeedreamClient.class);
  private static final Pattern PACKAGES = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?=[A-Z])");

  @Test
  void theTableListsEveryPublicMethodOfEachClient() {
    List<List<String>> rows = table(Snippets.read(Snippets.repositoryRoot(), "docs/transports.md"));
    assertThat(rows).as("rows of the client table").hasSizeGreaterThan(10);
    for (int column = 0; column < CLIENTS.size(); column++) {
      Class<?> client = CLIENTS.get(column);
      Set<String> documented = new TreeSet<>();
      for (List<String> row : rows) {
        String cell = row.get(column + 1).strip();
        if (!cell.equals("-")) {
          documented.add(normalise(cell.replace("`", "")));
        }
      }
      assertThat(documented).as("the column of %s in docs/transports.md", client.getSimpleName())
          .isEqualTo(publicMethods(client));
    }
  }

  @Test
  void theSameOperationHasTheSameNameAndArgumentsOnEveryClient() {
    List<List<String>> rows = table(Snippets.read(Snippets.repositoryRoot(), "docs/transports.md"));
    for (List<String> row : rows) {
      List<String> calls = row.subList(1, row.size()).stream().map(String::strip).filter(c -> !c.equals("-"))
          .map(c -> c.replace("`", "").replaceFirst("^(static )?\\S+ ", "")).collect(Collectors.toList());
      List<String> names = calls.stream().map(c -> c.substring(0, c.indexOf('('))).distinct().toList();
      assertThat(names).as("operation '%s'", row.get(0)).hasSize(1);
      // the reactive client drops a trailing callback: its Flux is the callback
      List<String> arguments = calls.stream().map(c -> c.substring(c.indexOf('(')).replaceAll(", Consumer<Run>\\)|\\(Consumer<Run>\\)", ")"))
          .distinct().toList();
      assertThat(arguments).as("arguments of '%s'", row.get(0)).hasSize(1);
    }
  }

  @Test
  void aMethodMissingFromTheTableIsNoticed() {
    String markdown = "<!-- client-methods -->\n| op | a | b | c |\n|---|---|---|---|\n| x | `void close()` | - | - |\n";
    assertThat(table(markdown)).hasSize(1);
    assertThat(Set.of(normalise("void close()"))).isNotEqualTo(publicMethods(SeedreamClient.class));
  }

  /** The rows of the table after the {@code <!-- client-methods -->} marker, each as its cells. */
  static List<List<String>> table(String markdown) {
    List<List<String>> rows = new ArrayList<>();
    boolean inTable = false;
    int line = 0;
    for (String text : markdown.split("\n")) {
      if (text.strip().equals("<!-- client-methods -->")) {
        inTable = true;
        continue;
      }
      if (!inTable) {
        continue;
      }
      if (!text.startsWith("|")) {
        break;
      }
      if (line++ < 2) {
        continue; // the header and its rule
      }
      List<String> cells = Stream.of(text.substring(1, text.lastIndexOf('|')).split("\\|")).toList();
      rows.add(cells);
    }
    return rows;
  }

  static Set<String> publicMethods(Class<?> type) {
    Set<String> out = new TreeSet<>();
    for (Method method : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic() || method.isBridge()) {
        continue;
      }
      String arguments = Stream.of(method.getGenericParameterTypes()).map(ClientMethodsTableTest::simple)
          .collect(Collectors.joining(", "));
      out.add((Modifier.isStatic(method.getModifiers()) ? "static " : "")
          + simple(method.getGenericReturnType()) + " " + method.getName() + "(" + arguments + ")");
    }
    return out;
  }

  private static String simple(Type type) {
    return PACKAGES.matcher(type.getTypeName()).replaceAll("").replace('$', '.');
  }

  private static String normalise(String signature) {
    return signature.strip().replaceAll("\\s+", " ").replaceAll("\\s*,\\s*", ", ");
  }
}
