package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's three examples read {@code RUNBASE_API_KEY} and {@code RUNBASE_BASE_URL} as a user's
 * program does: each runs here as its own JVM, with those variables pointing at a fake, and the
 * three run at once (each waits the default 5 s before its first poll).
 */
class MainExamplesTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void startFake() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(0, 0)).start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Test
  void eachClientsExampleWritesA16To9ImageAndPrintsItsPath(@TempDir Path temp) throws Exception {
    Map<Class<?>, Process> processes = new LinkedHashMap<>();
    for (Class<?> example : List.of(BlockingExample.class, AsyncExample.class, ReactiveExample.class)) {
      Path dir = Files.createDirectories(temp.resolve(example.getSimpleName()));
      processes.put(example, start(example, dir));
    }
    for (Map.Entry<Class<?>, Process> entry : processes.entrySet()) {
      Process process = entry.getValue();
      Path dir = temp.resolve(entry.getKey().getSimpleName());
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String out = Files.readString(dir.resolve("stdout.txt"));
      String err = Files.readString(dir.resolve("stderr.txt"));
      assertThat(ended).as("%s ended", entry.getKey()).isTrue();
      assertThat(process.exitValue()).as("%s exit code; stderr:%n%s", entry.getKey(), err).isZero();
      assertThat(out + err).doesNotContain(fake.apiKey());

      List<String> printed = out.lines().filter(l -> !l.isBlank()).toList();
      assertThat(printed).as("%s prints the files written", entry.getKey()).hasSize(1);
      Path image = dir.resolve(printed.get(0));
      assertThat(image).exists().hasParent(dir.resolve("out"));
      BufferedImage png = ImageIO.read(image.toFile());
      assertThat((double) png.getWidth() / png.getHeight()).as("16:9").isCloseTo(16.0 / 9, org.assertj.core.data.Offset.offset(0.05));
    }
    assertThat(fake.journal().runsCreated()).hasSize(3);
    fake.journal().assertNoAuthorizationSentToImageOrigin();
  }

  private static Process start(Class<?> main, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(), main.getName()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("RUNBASE_API_KEY", fake.apiKey());
    builder.environment().put("RUNBASE_BASE_URL", fake.baseUrl());
    return builder.start();
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    assertThat(path).contains("seedream-examples" + File.separator + "target" + File.separator + "classes");
    return path;
  }

}
