package dev.seedream.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every record of the SDK's {@code dev.seedream} logger at every level, while open. */
public final class CapturedLogs implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.seedream");
  private final Level before = logger.getLevel();
  private final List<String> lines;
  private final Handler handler;

  /** @param format how a record is kept; a line of its own in {@code lines} */
  public CapturedLogs(List<String> lines, Function<LogRecord, String> format) {
    this.lines = lines;
    this.handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        CapturedLogs.this.lines.add(format.apply(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Captures each record's message. */
  public static CapturedLogs messages() {
    return new CapturedLogs(new CopyOnWriteArrayList<>(), LogRecord::getMessage);
  }

  public List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(before);
  }
}
