package dev.seedream.cli;

import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import dev.seedream.internal.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contact sheet of {@code --report}: a page of every line's card and a summary, written as a
 * whole to a temporary file and moved over the report, so that a reader never sees half a page.
 *
 * <p>The page is written when the sheet opens (so an unusable {@code --report} is found before
 * anything is sent), then at most once per {@link #REWRITE_INTERVAL} while cards change, and a last
 * time on {@link #close()}: a batch of many lines writes a bounded number of pages, not one per
 * line. Thread-safe: lines report from the batch's workers, the page is written by one daemon
 * thread that {@link #close()} stops.
 */
final class ContactSheet implements AutoCloseable {
  /** The shortest time between two writes of the page while a batch runs. */
  static final Duration REWRITE_INTERVAL = Duration.ofSeconds(1);

  private final Path file;
  private final String title;
  private final CliContext context;
  private final List<SheetCard> cards;
  private final AtomicLong requests = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService writer;
  private boolean dirty;
  private boolean closed;
  private boolean warned;
  private int writes;

  private ContactSheet(Path file, String title, List<SheetCard> cards, CliContext context, Duration interval) {
    this.file = file;
    this.title = title;
    this.cards = new ArrayList<>(cards);
    this.context = context;
    if (file == null) {
      writer = null;
      return;
    }
    writer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "seedream-report");
      thread.setDaemon(true);
      return thread;
    });
    writer.scheduleWithFixedDelay(this::writeIfChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the sheet of {@code cards} and writes its first page.
   *
   * @throws InputException when the page cannot be written (nothing has been sent yet)
   */
  static ContactSheet open(Path file, String title, List<SheetCard> cards, CliContext context) {
    return open(file, title, cards, context, REWRITE_INTERVAL);
  }

  static ContactSheet open(Path file, String title, List<SheetCard> cards, CliContext context, Duration interval) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new InputException("cannot create the directory of --report " + context.display(file) + ": " + e.getMessage()
          + ": name a file in a directory you can write in; nothing was sent");
    }
    ContactSheet sheet = new ContactSheet(file, title, cards, context, interval);
    try {
      synchronized (sheet) {
        sheet.write();
      }
    } catch (IOException e) {
      synchronized (sheet) {
        sheet.closed = true;
      }
      sheet.close();
      throw new InputException("cannot write --report " + context.display(file) + ": " + e.getMessage()
          + ": name a file you can write; nothing was sent");
    }
    return sheet;
  }

  /** A sheet that writes nothing: the command was given no {@code --report}. */
  static ContactSheet none(List<SheetCard> cards) {
    return new ContactSheet(null, "", cards, null, REWRITE_INTERVAL);
  }

  /** The card at {@code index}, as last set. */
  synchronized SheetCard card(int index) {
    return cards.get(index);
  }

  /** Sets the card at {@code index}; the page shows it at its next write. */
  synchronized void set(int index, SheetCard card) {
    cards.set(index, card);
    dirty = true;
  }

  /** {@code delegate}, and the requests it sees counted for the summary. */
  SeedreamListener counting(SeedreamListener delegate) {
    return new Counting(delegate, requests);
  }

  /** How many times the page was written, for tests. */
  synchronized int writes() {
    return writes;
  }

  /** Writes the last page (the summary says finished) and stops the writer. Idempotent. */
  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    writer.shutdownNow();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      writeOrWarn();
    }
  }

  private synchronized void writeIfChanged() {
    if (dirty && !closed) {
      writeOrWarn();
    }
  }

  private void writeOrWarn() {
    try {
      write();
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        context.err().println("warning: cannot write --report " + context.display(file) + ": " + Texts.printable(String.valueOf(e.getMessage())));
        context.err().flush();
      }
    }
  }

  /** Renders the page and moves it over the report; the caller holds the lock. */
  private void write() throws IOException {
    dirty = false;
    writes++;
    Path directory = file.toAbsolutePath().getParent();
    String page = ContactSheetHtml.render(title, summary(), cards, directory);
    Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temp, page, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private ContactSheetHtml.Summary summary() {
    int succeeded = 0;
    int failed = 0;
    for (SheetCard card : cards) {
      if (card.standing() == SheetCard.Standing.SUCCEEDED) {
        succeeded++;
      } else if (card.standing() == SheetCard.Standing.FAILED) {
        failed++;
      }
    }
    return new ContactSheetHtml.Summary(succeeded, failed, cards.size() - succeeded - failed, requests.get(),
        Texts.duration(Duration.ofMillis(Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 100 * 100)), closed);
  }

  /** Counts the requests of the client (creates, polls, retried attempts) and passes every event on. */
  private static final class Counting implements SeedreamListener {
    private final SeedreamListener delegate;
    private final AtomicLong requests;

    Counting(SeedreamListener delegate, AtomicLong requests) {
      this.delegate = delegate;
      this.requests = requests;
    }

    @Override
    public void runSubmitted(RunId runId, RunInput input) {
      requests.incrementAndGet();
      delegate.runSubmitted(runId, input);
    }

    @Override
    public void runPolled(Run run, int polls) {
      requests.incrementAndGet();
      delegate.runPolled(run, polls);
    }

    @Override
    public void statusChanged(Run run, dev.seedream.RunStatus previous) {
      delegate.statusChanged(run, previous);
    }

    @Override
    public void runSucceeded(Run run) {
      delegate.runSucceeded(run);
    }

    @Override
    public void runFailed(Run run) {
      delegate.runFailed(run);
    }

    @Override
    public void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {
      requests.incrementAndGet();
      delegate.retryScheduled(request, attempt, delay, cause);
    }

    @Override
    public void waitingForBudget(String request, Duration wait) {
      delegate.waitingForBudget(request, wait);
    }

    @Override
    public void downloadProgress(RunId runId, int index, long bytesSoFar, long total) {
      delegate.downloadProgress(runId, index, bytesSoFar, total);
    }

    @Override
    public void downloaded(RunId runId, Path file, long bytes) {
      delegate.downloaded(runId, file, bytes);
    }
  }
}
