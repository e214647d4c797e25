package dev.seedream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The canary key of the reliability suite and the check that it never leaks: every class of the
 * suite runs with {@code java.util.logging} at {@link Level#ALL} (System.Logger routes there by
 * default) into a handler that checks every line as it comes, and after each class no line held
 * the key (lines are checked, not kept, so that the soak test measures the SDK's heap). Every
 * exception a test sees goes through {@link #clean(Throwable)}.
 */
public final class Canary implements BeforeAllCallback, AfterAllCallback {
  /** The key every client and fake of the suite uses. */
  public static final String KEY = "sk-canary-7f3a9c2e51d84b06a1e9";

  /** Captured lines that held the key (none, if all is well), and how many lines the SDK logged. */
  private static final List<String> LEAKED = new ArrayList<>();
  private static final java.util.concurrent.atomic.AtomicLong SDK_LINES = new java.util.concurrent.atomic.AtomicLong();
  private static final Handler HANDLER = new Handler() {
    @Override
    public void publish(LogRecord record) {
      StringBuilder line = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ')
          .append(String.valueOf(record.getMessage()));
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          line.append(' ').append(parameter);
        }
      }
      if (record.getThrown() != null) {
        line.append(' ').append(stackTrace(record.getThrown()));
      }
      String text = line.toString();
      if (text.startsWith("dev.seedream")) {
        SDK_LINES.incrementAndGet();
      }
      if (text.contains(KEY)) {
        synchronized (LEAKED) {
          LEAKED.add(text);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private static final Logger ROOT = Logger.getLogger("");
  private static final Logger SEEDREAM = Logger.getLogger("dev.seedream");

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (LEAKED) {
      LEAKED.clear();
    }
    SDK_LINES.set(0);
    SEEDREAM.setLevel(Level.ALL);
    ROOT.setLevel(Level.ALL);
    HANDLER.setLevel(Level.ALL);
    ROOT.removeHandler(HANDLER);
    ROOT.addHandler(HANDLER);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ROOT.removeHandler(HANDLER);
    ROOT.setLevel(Level.INFO);
    SEEDREAM.setLevel(null);
    synchronized (LEAKED) {
      assertThat(LEAKED).as("log lines of " + context.getDisplayName() + " that hold the key").isEmpty();
    }
    assertThat(SDK_LINES.get()).as("logging at Level.ALL captured the SDK's debug lines").isPositive();
  }

  /** Fails when the key is in the exception's text or stack trace; returns it otherwise. */
  public static <T extends Throwable> T clean(T error) {
    assertThat(stackTrace(error)).as("exception text").doesNotContain(KEY);
    return error;
  }

  static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
