package dev.seedream.cli;

import dev.seedream.ClientBuilder;
import dev.seedream.SeedreamClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a run of the command sees of the world: the environment variables, standard output, error
 * and input, the working directory, whether standard error is a terminal, and the signals sent to it.
 *
 * <p>{@link #system()} is the real one; tests pass their own, so that nothing depends on the
 * process's environment.
 */
public final class CliContext {
  private final Map<String, String> environment;
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Path workingDirectory;
  private final boolean terminal;
  private final Consumer<ClientBuilder<SeedreamClient>> tuning;
  private final Interruption interruption;

  private CliContext(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Path workingDirectory,
      boolean terminal,
      Consumer<ClientBuilder<SeedreamClient>> tuning,
      Interruption interruption) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
    this.in = in;
    this.workingDirectory = workingDirectory;
    this.terminal = terminal;
    this.tuning = tuning;
    this.interruption = interruption;
  }

  /**
   * The process's own: {@code System.getenv()}, {@code System.out/err/in}, the current directory,
   * and SIGINT / SIGTERM (caught once a command that creates or waits for runs starts).
   */
  public static CliContext system() {
    PrintWriter err = new PrintWriter(System.err, true);
    return new CliContext(
        System.getenv(),
        new PrintWriter(System.out, true),
        err,
        System.in,
        Path.of("").toAbsolutePath(),
        System.console() != null,
        builder -> {},
        new Interruption(interruption -> Signals.install(interruption, err)));
  }

  /** A context of your own, for tests and for embedding the command; it catches no signals. */
  public static CliContext of(
      Map<String, String> environment,
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      Path workingDirectory,
      boolean terminal) {
    return new CliContext(
        Objects.requireNonNull(environment, "environment"),
        Objects.requireNonNull(out, "out"),
        Objects.requireNonNull(err, "err"),
        Objects.requireNonNull(in, "in"),
        Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath(),
        terminal,
        builder -> {},
        Interruption.manual());
  }

  /**
   * This context with a last say over every client the command builds, after the command line has
   * been applied: tests use it to poll and retry faster against their own fake.
   */
  public CliContext withClientTuning(Consumer<ClientBuilder<SeedreamClient>> tuning) {
    return new CliContext(
        environment, out, err, in, workingDirectory, terminal, Objects.requireNonNull(tuning, "tuning"), interruption);
  }

  /** An environment variable, or null when unset. */
  String env(String name) {
    return environment.get(name);
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  InputStream in() {
    return in;
  }

  /** A path given on the command line, resolved against the working directory. */
  Path resolve(String path) {
    return workingDirectory.resolve(path).normalize();
  }

  /** A file as the user should see it: relative to the working directory when inside it. */
  String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString() : absolute.toString();
  }

  boolean terminal() {
    return terminal;
  }

  Consumer<ClientBuilder<SeedreamClient>> tuning() {
    return tuning;
  }

  /** The signals this run of the command has received; {@link Main} feeds it SIGINT and SIGTERM. */
  Interruption interruption() {
    return interruption;
  }
}
