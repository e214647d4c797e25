package dev.seedream.testkit.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DownloadChild} in a JVM of its own, on the test classpath, with its output read line by
 * line. {@link #close()} kills it if it still runs and waits for its output to end.
 */
final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000end";

  private final Process process;
  private final Thread reader;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "child-jvm-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code DownloadChild mode directory}.
   *
   * @param fileSizeLimitKiB the largest file the child may write ({@code ulimit -f}), or 0 for no limit
   */
  static ChildJvm start(String mode, Path directory, int fileSizeLimitKiB) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    List<String> command = new ArrayList<>();
    if (fileSizeLimitKiB > 0) {
      // bash counts -f in KiB; the JVM ignores SIGXFSZ, so a write past the limit fails with EFBIG
      command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKiB + " && exec \"$@\"", "child"));
    }
    command.addAll(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
        "-cp", classpath, DownloadChild.class.getName(), mode, directory.toString()));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line of output that starts with {@code prefix}, and returns it. */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        throw new AssertionError("the child JVM printed no line starting with '" + prefix + "' within " + timeout
            + (line == null ? "" : " before it ended") + "; its output:\n" + output());
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Sends a signal ({@code INT}, {@code TERM}) to the child. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Waits for the child to end; returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the child JVM did not end within " + timeout + "; its output:\n" + output());
    }
    return process.exitValue();
  }

  /** Everything the child printed so far. */
  synchronized String output() {
    return String.join("\n", seen);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (this) {
          seen.add(line);
        }
        lines.add(line);
      }
    } catch (IOException e) {
      synchronized (this) {
        seen.add("(output unreadable: " + e + ")");
      }
    } finally {
      lines.add(END);
    }
  }
}
