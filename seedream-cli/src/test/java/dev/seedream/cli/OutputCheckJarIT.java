package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, point 1: --out is checked before any create; an unusable one sends no request. */
class OutputCheckJarIT {
  @RegisterExtension static final FakeServerPerClass server = FakeServerPerClass.with("--polls", "1");

  @TempDir Path dir;

  @Test
  void anOutThatIsAFileIsRefusedNamingThePathAndNothingIsSent() throws Exception {
    Files.writeString(dir.resolve("taken"), "not a directory");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "taken");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("error: --out taken is a file, not a directory");
    assertThat(fake().requests()).isEmpty();
    assertThat(Files.readString(dir.resolve("taken"))).isEqualTo("not a directory");
  }

  @Test
  void anOutUnderAFileIsRefusedNamingTheFileAndNothingIsSent() throws Exception {
    Files.writeString(dir.resolve("taken"), "not a directory");
    Files.writeString(dir.resolve("prompts.txt"), "a lamp\na chair\n");

    JarProcess.Output result = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--out", "taken/images");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).contains("cannot create --out taken/images: taken is a file, not a directory");
    assertThat(fake().requests()).isEmpty();
  }

  @Test
  void anOutThatCannotTakeFilesIsRefusedAndNothingIsSent() throws Exception {
    // sysfs takes no new files, not even from root, so this holds whoever runs the build
    Files.writeString(dir.resolve("prompts.txt"), "a lamp\n");

    JarProcess.Output generate = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "/sys");
    JarProcess.Output batch = JarProcess.run(dir, fake().env(), "batch", "prompts.txt", "--out", "/sys");

    for (JarProcess.Output result : new JarProcess.Output[] {generate, batch}) {
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
      assertThat(result.err()).contains("error: cannot write files into --out /sys").contains("nothing was sent");
    }
    assertThat(fake().requests()).isEmpty();
  }

  @Test
  void aMissingOutIsCreatedAndTheProbeLeavesNothingBehind() throws Exception {
    JarProcess.Output result = JarProcess.run(dir, fake().env(), "generate", "a lamp", "--out", "new/images");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("new/images"))) {
      assertThat(files.map(file -> file.getFileName().toString())).singleElement().asString().endsWith("-1.png");
    }
  }

  private static FakeServerProcess fake() {
    return server.get();
  }
}
