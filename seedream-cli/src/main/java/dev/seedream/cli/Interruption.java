package dev.seedream.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whether the command was asked to stop (SIGINT or SIGTERM), and the thread that runs it.
 *
 * <p>{@link #raise} records the first signal and interrupts the command's thread: its blocking
 * calls end (polling stops, downloads are cancelled and their partial files removed), and the
 * command prints each run that is not finished with the command that continues it, then returns
 * the signal's exit code. A create in flight is given {@link #CREATE_GRACE} to answer first, so that
 * its run id can be printed too. Thread-safe.
 */
final class Interruption {
  /** How long a create in flight may still answer after a signal, so that its id is not lost. */
  static final Duration CREATE_GRACE = Duration.ofSeconds(5);

  private final Consumer<Interruption> onFirstAttach;
  private boolean attachedBefore;
  private Thread commandThread;
  private ExitCode signal;

  /** @param onFirstAttach what starts feeding signals into this one, such as {@link Signals#install} */
  Interruption(Consumer<Interruption> onFirstAttach) {
    this.onFirstAttach = onFirstAttach;
  }

  /** One that only {@link #raise} feeds: for tests, and for an application that embeds the command. */
  static Interruption manual() {
    return new Interruption(interruption -> {});
  }

  /**
   * Makes the calling thread the one a signal interrupts; called by the commands that create or wait
   * for runs, so that the others ({@code fake-server}, {@code validate}) keep the JVM's own handling.
   */
  synchronized void attach() {
    commandThread = Thread.currentThread();
    if (signal != null) {
      commandThread.interrupt();
    }
    if (!attachedBefore) {
      attachedBefore = true;
      onFirstAttach.accept(this);
    }
  }

  /** No thread is interrupted any more; called when the command has returned. */
  synchronized void detach() {
    commandThread = null;
  }

  /**
   * Records a signal and interrupts the command's thread.
   *
   * @param exitCode {@link ExitCode#INTERRUPTED} or {@link ExitCode#TERMINATED}
   * @return true for the first signal, false for any later one (which changes nothing here)
   */
  synchronized boolean raise(ExitCode exitCode) {
    if (signal != null) {
      return false;
    }
    signal = exitCode;
    if (commandThread != null) {
      commandThread.interrupt();
    }
    return true;
  }

  /** The exit code of the signal that came, if one did. */
  synchronized Optional<ExitCode> signal() {
    return Optional.ofNullable(signal);
  }

  /** The signal's name as a user knows it: {@code SIGINT (Ctrl-C)} or {@code SIGTERM}. */
  static String describe(ExitCode signal) {
    return signal == ExitCode.TERMINATED ? "SIGTERM" : "SIGINT (Ctrl-C)";
  }
}
