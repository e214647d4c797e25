package dev.seedream.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Runs code with {@code System.out} and {@code System.err} captured. */
final class StdStreams {
  final String out;
  final String err;

  private StdStreams(String out, String err) {
    this.out = out;
    this.err = err;
  }

  static <T> T capture(Supplier<T> code, StdStreams[] result) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return code.get();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      result[0] = new StdStreams(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
