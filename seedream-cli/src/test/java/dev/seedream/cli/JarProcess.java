package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built {@code seedream.jar} running as a process of its own, as a user runs it: in a working
 * directory, with an environment, its standard output and error captured in files of that
 * directory (never in the directories the command writes into), so that a test can wait for what it
 * prints.
 */
final class JarProcess {
  static final Path JAR = Path.of(System.getProperty("seedream.jar", "target/seedream.jar")).toAbsolutePath();
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** The longest any command of these tests may take before it counts as hung. */
  static final Duration HUNG = Duration.ofSeconds(90);

  private final List<String> command;
  private final Process process;
  private final Path out;
  private final Path err;

  private JarProcess(List<String> command, Process process, Path out, Path err) {
    this.command = command;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code java -jar seedream.jar ARGS} in {@code directory}, with standard input closed.
   *
   * <p>A process inherits ignored signals, and a JVM leaves an ignored SIGINT ignored (as a
   * background job of a script has it). So that {@code kill -INT} reaches the command whoever runs
   * the build, a test JVM that ignores SIGINT or SIGTERM starts the jar through {@code env
   * --default-signal}.
   */
  static JarProcess start(Path directory, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    if (ignoresInterruptOrTerminate()) {
      command.addAll(List.of("env", "--default-signal=INT,TERM"));
    }
    command.addAll(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(args);
    try {
      Path out = Files.createTempFile(directory, "stdout", ".txt");
      Path err = Files.createTempFile(directory, "stderr", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
      builder.environment().remove("RUNBASE_API_KEY");
      builder.environment().remove("RUNBASE_BASE_URL");
      builder.environment().putAll(env);
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      return new JarProcess(command, process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code java -jar seedream.jar ARGS} to its end. */
  static Output run(Path directory, Map<String, String> env, String... args) {
    return start(directory, env, List.of(args)).finish();
  }

  /** What the process has written to standard error so far. */
  String err() {
    return read(err);
  }

  /** Waits until standard error holds a line that matches. */
  String awaitErrLine(Predicate<String> line) {
    await().atMost(HUNG).pollInterval(Duration.ofMillis(50))
        .until(() -> err().lines().anyMatch(line) || !process.isAlive());
    assertThat(err().lines().anyMatch(line)).as("the process printed the line awaited; it printed:%n%s", err()).isTrue();
    return err().lines().filter(line).findFirst().orElseThrow();
  }

  /** Sends a signal such as {@code INT} or {@code TERM} to the process, as {@code kill -INT PID} does. */
  void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).as("kill -%s %d", name, process.pid()).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the end (killing a hung process) and gives what it printed; the capture files are removed. */
  Output finish() {
    try {
      if (!process.waitFor(HUNG.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("hung for " + HUNG + ": " + command + "\n--- stderr\n" + err());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    Output output = new Output(process.exitValue(), read(out), read(err));
    try {
      Files.delete(out);
      Files.delete(err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output;
  }

  /** Whether this JVM ignores SIGINT (2) or SIGTERM (15), by the {@code SigIgn} mask of Linux's /proc. */
  private static boolean ignoresInterruptOrTerminate() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    long ignored = read(status).lines().filter(line -> line.startsWith("SigIgn:"))
        .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16)).findFirst().orElse(0L);
    return (ignored & ((1L << (2 - 1)) | (1L << (15 - 1)))) != 0;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one run of the jar gave. */
  record Output(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
