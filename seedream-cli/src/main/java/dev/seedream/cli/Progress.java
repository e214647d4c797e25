package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamListener;
import dev.seedream.internal.Texts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows on standard error what the client does. Otherwise than on a terminal: one plain line per
 * event of a run (created, status change, download started). On a terminal: a line that stays for
 * each run when it is first seen and when it ends, each holding the run's id, and below them one
 * live line (status, elapsed time, polls, waits for the rate budget, a download bar), redrawn in
 * place and cleared at the end.
 *
 * <p>Elapsed time counts from when this command created the run, or else from the run's {@code
 * created_at} when the server gave it; without either it is left out. Ids and statuses are shown
 * through {@link Texts#printable}; the key never reaches this class. Thread-safe: the engine calls
 * it from its own threads.
 */
final class Progress implements SeedreamListener {
  private static final String CLEAR_LINE = "\r\033[K";
  private static final int BAR_WIDTH = 20;

  private final PrintWriter err;
  private final boolean live;
  private final Map<RunId, String> statuses = new LinkedHashMap<>();
  /** When each run began, on {@link System#nanoTime()}; absent when not known. */
  private final Map<RunId, Long> origins = new LinkedHashMap<>();
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
    statuses.put(runId, "submitted");
    origins.put(runId, System.nanoTime());
    stays(shown(runId) + ": submitted");
  }

  @Override
  public synchronized void runPolled(Run run, int pollsOfThisWait) {
    polls++;
    redraw();
  }

  @Override
  public synchronized void statusChanged(Run run, RunStatus previous) {
    boolean firstSeen = !statuses.containsKey(run.id());
    statuses.put(run.id(), run.status().value());
    if (firstSeen) {
      run.createdAt().ifPresent(created -> originFrom(run.id(), created));
    }
    String line = shown(run.id()) + ": " + Texts.printable(run.status().value()) + elapsed(run.id());
    if (!live || firstSeen || run.isTerminal()) {
      stays(line);
    } else {
      redraw();
    }
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

  /** The command starts to download a run's images; on a terminal the download bar shows it. */
  synchronized void downloading(Run run) {
    if (!live) {
      stays(shown(run.id()) + ": downloading " + run.outputUrls().size() + (run.outputUrls().size() == 1 ? " image" : " images"));
    }
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
    clearLive();
  }

  /** The live line as it stands. */
  synchronized String line() {
    StringBuilder line = new StringBuilder();
    if (statuses.size() == 1) {
      Map.Entry<RunId, String> only = statuses.entrySet().iterator().next();
      line.append(shown(only.getKey())).append(' ').append(Texts.printable(only.getValue()));
    } else {
      long done = statuses.values().stream().filter(s -> s.equals("succeeded") || s.equals("failed")).count();
      line.append("runs ").append(done).append('/').append(statuses.size()).append(" done");
    }
    origins.values().stream().min(Long::compare)
        .ifPresent(first -> line.append(" | ").append(seconds(Duration.ofNanos(System.nanoTime() - first))));
    line.append(" | ").append(polls).append(polls == 1 ? " poll" : " polls")
        .append(" | ").append(budgetWaits).append(budgetWaits == 1 ? " wait" : " waits").append(" for the rate budget");
    if (imagesExpected > 0) {
      int filled = imagesWritten >= imagesExpected ? BAR_WIDTH : imagesWritten * BAR_WIDTH / imagesExpected;
      line.append(" | download [").append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
          .append(imagesWritten).append('/').append(imagesExpected).append(' ').append(kilobytes(bytes));
    }
    return line.toString();
  }

  private void originFrom(RunId runId, Instant createdAt) {
    Duration age = Duration.between(createdAt, Instant.now());
    if (!age.isNegative()) {
      origins.put(runId, System.nanoTime() - age.toNanos());
    }
  }

  private String elapsed(RunId runId) {
    Long origin = origins.get(runId);
    return origin == null ? "" : " after " + seconds(Duration.ofNanos(System.nanoTime() - origin));
  }

  /** A line that stays on screen: on a terminal above the live line, which is drawn again below it. */
  private void stays(String text) {
    if (closed) {
      return;
    }
    clearLive();
    err.println(text);
    err.flush();
    redraw();
  }

  private void clearLive() {
    if (drawn) {
      err.print(CLEAR_LINE);
      err.flush();
      drawn = false;
    }
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

  private static String shown(RunId runId) {
    return Texts.printable(runId.value());
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }

  private static String kilobytes(long bytes) {
    return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }
}
