package dev.seedream.cli;

import dev.seedream.CancelledException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * How a command that talks to Runbase ends when it fails or is stopped: the error (or the signal
 * that stopped it), then a line for each run it leaves unfinished with the command that continues
 * it, and the exit code.
 */
final class Ending {
  private Ending() {}

  /**
   * Prints the end and gives the exit code: the signal's (130, 143) when one came, else the error's.
   *
   * @param continuations the lines that name what is not finished and how to continue it
   */
  static int of(CliContext context, RuntimeException error, List<String> continuations) {
    PrintWriter err = context.err();
    Optional<ExitCode> signal = context.interruption().signal();
    if (signal.isPresent()) {
      err.println("stopped by " + Interruption.describe(signal.get()) + ": polling stopped, partial downloads removed");
      if (!(error instanceof CancelledException)) {
        ErrorLines.print(err, error);
      }
    } else {
      ErrorLines.print(err, error);
    }
    continuations.forEach(err::println);
    err.flush();
    return signal.orElse(ExitCode.of(error)).code();
  }
}
