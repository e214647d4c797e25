package dev.seedream.cli;

import java.io.PrintWriter;
import java.time.Duration;
import sun.misc.Signal;

/**
 * Catches SIGINT and SIGTERM for {@code seedream.jar}, so that the command can stop on its own
 * terms: the first signal interrupts it (see {@link Interruption}), and it prints what is not
 * finished and exits 130 (SIGINT) or 143 (SIGTERM).
 *
 * <p>It stays bounded: when the command has not ended {@link #STOP_BOUND} after the first signal,
 * or when a second signal comes, the process exits at once with the first signal's code. That exit
 * still runs the JVM's shutdown hooks, so the SDK removes the partial files of its downloads. Where
 * the JVM does not let a program catch a signal (as with {@code -Xrs}), it keeps its own handling.
 */
final class Signals {
  /** The longest the command may take to stop after the first signal. */
  static final Duration STOP_BOUND = Interruption.CREATE_GRACE.plusSeconds(10);

  private Signals() {}

  /** Catches both signals from now on; {@code err} is where the last word goes on a forced exit. */
  static void install(Interruption interruption, PrintWriter err) {
    catchSignal("INT", ExitCode.INTERRUPTED, interruption, err);
    catchSignal("TERM", ExitCode.TERMINATED, interruption, err);
  }

  private static void catchSignal(String name, ExitCode exitCode, Interruption interruption, PrintWriter err) {
    try {
      Signal.handle(new Signal(name), signal -> received(exitCode, interruption, err));
    } catch (IllegalArgumentException e) {
      // the JVM reserves this signal: its default (shutdown hooks, exit 128 + signal) stays
    }
  }

  private static void received(ExitCode exitCode, Interruption interruption, PrintWriter err) {
    if (interruption.raise(exitCode)) {
      Thread watchdog = new Thread(() -> forceExitAfter(STOP_BOUND, interruption, err), "seedream-stop-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      return;
    }
    ExitCode first = interruption.signal().orElse(exitCode);
    err.println("error: a second signal: exiting now, without waiting for answers still on their way;"
        + " the run ids printed above can be continued with 'seedream status RUN_ID --wait'");
    err.flush();
    System.exit(first.code());
  }

  private static void forceExitAfter(Duration bound, Interruption interruption, PrintWriter err) {
    try {
      Thread.sleep(bound.toMillis());
    } catch (InterruptedException e) {
      return;
    }
    ExitCode first = interruption.signal().orElse(ExitCode.INTERRUPTED);
    err.println("error: the command did not stop within " + bound.toSeconds() + "s of "
        + Interruption.describe(first) + ": exiting now");
    err.flush();
    System.exit(first.code());
  }
}
