package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code seedream.jar} and the {@code ./seedream} launcher, each as a separate process;
 * runs after packaging (see the pom).
 */
class SeedreamJarIT {
  private static final Path JAR = Path.of(System.getProperty("seedream.jar", "target/seedream.jar")).toAbsolutePath();
  private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  @Test
  void theReadmesFirstCommandWritesAnImageIntoACleanOutDirectory() throws Exception {
    List<String> command = readmeFirstCommand();
    assertThat(command.get(0)).isEqualTo("./seedream");
    command.set(0, ROOT.resolve("seedream").toString());
    assertThat(dir.resolve("out")).doesNotExist();

    Output result = run(command, Map.of("JAVA_HOME", System.getProperty("java.home")));

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.err).as("the jar was just built, so the launcher must not build again").doesNotContain("building");
    assertThat(result.out.strip().lines()).hasSize(1);
    Path image = dir.resolve(result.out.strip());
    assertThat(image.getParent()).isEqualTo(dir.resolve("out"));
    Png.read(image);
    assertThat(result.out + result.err).doesNotContain("sk-");
  }

  @Test
  void theJarGeneratesAPngOfTheAspectRatioOverReactorAndPrintsJsonButNeverTheKey() throws Exception {
    Output result = run(List.of(JAVA, "-jar", JAR.toString(), "generate", "--fake", "a kite", "-a", "9:16", "--json", "-o", "imgs", "--transport", "reactor"), Map.of());

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonObject json = JsonParser.parseString(result.out.strip()).getAsJsonObject();
    assertThat(json.get("status").getAsString()).isEqualTo("succeeded");
    Png png = Png.read(dir.resolve(json.getAsJsonArray("files").get(0).getAsString()));
    assertThat(png.ratio()).isCloseTo(9.0 / 16.0, within(0.03));
    assertThat(result.out + result.err).doesNotContain("sk-").doesNotContain("SLF4J");
  }

  @Test
  void withoutAKeyTheJarSaysInOneLineHowToSetItAndExitsTwo() throws Exception {
    Output result = run(List.of(JAVA, "-jar", JAR.toString(), "generate", "a lamp"), Map.of());

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.err.strip().lines()).hasSize(1).first().asString().contains("RUNBASE_API_KEY").contains("--fake");
  }

  @Test
  void fakeServerServesAnotherProcessThatUsesItsKeyAndUrl() throws Exception {
    Process server = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "fake-server", "--port", "0", "--stop-on-stdin-eof")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String baseUrl = after(lines.readLine(), "Fake Runbase listening on ");
      String key = after(lines.readLine(), "API key: ");
      Map<String, String> env = Map.of("RUNBASE_API_KEY", key, "RUNBASE_BASE_URL", baseUrl);

      Output deadline = run(List.of(JAVA, "-jar", JAR.toString(), "generate", "a lamp", "--timeout", "1s"), env);
      assertThat(deadline.exitCode).as(deadline.toString()).isEqualTo(7);
      String id = deadline.err.replaceAll("(?s).*waiting for run (\\S+):.*", "$1");

      Output status = run(List.of(JAVA, "-jar", JAR.toString(), "status", id), env);
      assertThat(status.exitCode).as(status.toString()).isZero();
      assertThat(status.out.strip()).isEqualTo(id + " pending");
      Output unknown = run(List.of(JAVA, "-jar", JAR.toString(), "status", "run_unknown"), env);
      assertThat(unknown.exitCode).isEqualTo(8);
      assertThat(deadline.out + deadline.err + status.out + status.err + unknown.err).doesNotContain(key);
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    assertThat(server.exitValue()).isZero();
  }

  private static String after(String line, String prefix) {
    assertThat(line).startsWith(prefix);
    return line.substring(prefix.length()).strip();
  }

  /** The first line of README.md's first code block, split as a shell would split it. */
  private static List<String> readmeFirstCommand() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    int fence = readme.indexOf("```");
    assertThat(fence).as("README.md has a code block").isNotNegative();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : readme.get(fence + 1).toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    words.add(word.toString());
    return words;
  }

  private Output run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove("RUNBASE_API_KEY");
    builder.environment().remove("RUNBASE_BASE_URL");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    Output output = new Output(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return output;
  }

  private static final class Output {
    final int exitCode;
    final String out;
    final String err;

    Output(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
