package dev.seedream.cli;

import dev.seedream.ClientBuilder;
import dev.seedream.PollPolicy;
import dev.seedream.RetryPolicy;
import dev.seedream.SeedreamClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Runs the command in this process with captured output, a given environment and working directory. */
final class Cli {
  /** Polls and retries fast, for tests against a fake they started themselves. */
  static final Consumer<ClientBuilder<SeedreamClient>> FAST = builder -> builder
      .pollPolicy(PollPolicy.custom().initialDelay(Duration.ofMillis(50)).interval(Duration.ofMillis(50))
          .maxInterval(Duration.ofMillis(100)).learning(false).build())
      .retryPolicy(RetryPolicy.custom().maxAttempts(2).initialBackoff(Duration.ofMillis(10))
          .maxBackoff(Duration.ofMillis(20)).build());

  private final Path workingDirectory;
  private final Map<String, String> environment = new HashMap<>();
  private String stdin = "";
  private boolean terminal;
  private Consumer<ClientBuilder<SeedreamClient>> tuning = builder -> {};
  private volatile CliContext running;

  private Cli(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  static Cli in(Path workingDirectory) {
    return new Cli(workingDirectory);
  }

  Cli env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli terminal() {
    this.terminal = true;
    return this;
  }

  Cli tuning(Consumer<ClientBuilder<SeedreamClient>> tuning) {
    this.tuning = tuning;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = CliContext.of(
            environment,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            workingDirectory,
            terminal)
        .withClientTuning(tuning);
    running = context;
    int code = SeedreamCli.execute(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The context of the command started last (null before), so that a test can send it a signal. */
  CliContext running() {
    return running;
  }

  /** What one run of the command gave. */
  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
