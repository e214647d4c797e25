package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows on standard error what the client does. On a terminal: one live line (status, elapsed
 * time, polls, waits for the rate budget) with a download bar, redrawn in place. Otherwise: one
 * plain line per status change of a run.
 *
 * <p>It only sees run ids, statuses and counts: the key never reaches it. Thread-safe: the engine
 * calls it from its own threads.
 */
final class Progress implements SeedreamListener {
  private static final String CLEAR_LINE = "\r\033[K";
  private static final int BAR_WIDTH = 20;

  private final PrintWriter err;
  private final boolean live;
  private final Map<RunId, String> statuses = new LinkedHashMap<>();
  private final Map<RunId, Long> submittedAt = new LinkedHashMap<>();
  private long startNanos;
  private final ScheduledExecutorService ticker;
  private int polls;
  private int budgetWaits;
  private int imagesExpected;
  private int imagesWritten;
  private long bytes;
  private boolean drawn;
  private boolean closed;

  Progress(CliContext context) {
    this.err = context.err();
    this.live = context.terminal();
    if (live) {
      ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "seedream-progress");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::redraw, 200, 200, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  @Override
  public synchronized void runSubmitted(RunId runId, RunInput input) {
    if (statuses.isEmpty()) {
      startNanos = System.nanoTime();
    }
    statuses.put(runId, "submitted");
    submittedAt.put(runId, System.nanoTime());
    plain(runId + ": submitted");
    redraw();
  }

  @Override
  public synchronized void runPolled(Run run, int pollsOfThisWait) {
    polls++;
    redraw();
  }

  @Override
  public synchronized void statusChanged(Run run, RunStatus previous) {
    statuses.put(run.id(), run.status().value());
    long since = submittedAt.getOrDefault(run.id(), startNanos);
    plain(run.id() + ": " + run.status() + " after " + seconds(Duration.ofNanos(System.nanoTime() - since)));
    redraw();
  }

  @Override
  public synchronized void runSucceeded(Run run) {
    imagesExpected += run.outputUrls().size();
    redraw();
  }

  @Override
  public synchronized void waitingForBudget(String request, Duration wait) {
    budgetWaits++;
    redraw();
  }

  @Override
  public synchronized void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
    redraw();
  }

  @Override
  public synchronized void downloaded(RunId runId, Path file, long size) {
    imagesWritten++;
    bytes += size;
    redraw();
  }

  /** Stops the live line and clears it, so that what follows starts on a clean line. Idempotent. */
  synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (drawn) {
      err.print(CLEAR_LINE);
      err.flush();
    }
  }

  /** The live line as it stands. */
  synchronized String line() {
    StringBuilder line = new StringBuilder();
    if (statuses.size() == 1) {
      Map.Entry<RunId, String> only = statuses.entrySet().iterator().next();
      line.append(only.getKey()).append(' ').append(only.getValue());
    } else {
      long done = statuses.values().stream().filter(s -> s.equals("succeeded") || s.equals("failed")).count();
      line.append("runs ").append(done).append('/').append(statuses.size()).append(" done");
    }
    line.append(" | ").append(seconds(Duration.ofNanos(System.nanoTime() - startNanos)))
        .append(" | ").append(polls).append(polls == 1 ? " poll" : " polls")
        .append(" | ").append(budgetWaits).append(budgetWaits == 1 ? " wait" : " waits").append(" for the rate budget");
    if (imagesExpected > 0) {
      int filled = imagesWritten >= imagesExpected ? BAR_WIDTH : imagesWritten * BAR_WIDTH / imagesExpected;
      line.append(" | download [").append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
          .append(imagesWritten).append('/').append(imagesExpected).append(' ').append(kilobytes(bytes));
    }
    return line.toString();
  }

  private void redraw() {
    synchronized (this) {
      if (!live || closed || statuses.isEmpty()) {
        return;
      }
      err.print(CLEAR_LINE + line());
      err.flush();
      drawn = true;
    }
  }

  private void plain(String text) {
    if (!live) {
      err.println(text);
      err.flush();
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }

  private static String kilobytes(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }
}
