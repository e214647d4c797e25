package dev.seedream.cli;

import dev.seedream.RunId;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal of the batches run into one output directory: {@value #FILE_NAME}, JSON Lines, one
 * record per event of a line, each appended and forced to disk before the step it announces (a
 * {@code sending} record before the create goes out, a {@code created} one as soon as the run id
 * is known). A later batch into the same directory reads it to resume instead of paying twice.
 *
 * <p>A record: {@code {"at", "line", "request", "occurrence", "status"}} and, where known, {@code
 * "run"}, {@code "files"} (names in the directory), {@code "sent_at"} and {@code "error"}. Statuses:
 * {@code sending}, {@code created}, {@code not_created} (the create certainly failed), {@code
 * may_exist} (it may have reached Runbase), {@code succeeded}, {@code failed}, {@code downloaded}.
 * The last record of a line says where it stands. A record that cannot be read (the last one, torn
 * by a crash) is skipped with a warning; a line left at {@code sending} counts as {@code may_exist}.
 *
 * <p>The journal is locked while a batch writes it, so that two batches into one directory cannot
 * both create the same lines. Thread-safe.
 */
final class BatchJournal implements AutoCloseable {
  static final String FILE_NAME = "seedream-batch.jsonl";
  /** The largest journal read; beyond it the user is told to move it away. */
  static final long MAX_BYTES = 32L * 1024 * 1024;

  private final Path file;
  private final String shown;
  private final Map<String, Entry> entries;
  private final FileChannel lockChannel;
  private final FileOutputStream out;

  private BatchJournal(Path file, String shown, Map<String, Entry> entries, FileChannel lockChannel, FileOutputStream out) {
    this.file = file;
    this.shown = shown;
    this.entries = entries;
    this.lockChannel = lockChannel;
    this.out = out;
  }

  /**
   * Opens the journal of a directory for a batch, reading what earlier batches wrote.
   *
   * @throws InputException when another batch holds it, it cannot be read or written, or it is
   *     larger than {@link #MAX_BYTES}
   */
  static BatchJournal open(Path directory, CliContext context) {
    Path file = directory.resolve(FILE_NAME);
    String shown = context.display(file);
    FileChannel lockChannel = null;
    try {
      lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new InputException("another seedream batch is writing into " + context.display(directory)
            + " (its journal " + shown + " is locked): wait for it to end, or give another --out");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException("the batch journal " + shown + " is larger than " + (MAX_BYTES >> 20)
            + " MiB: move it away (the batch then starts afresh in that directory) or give another --out");
      }
      Map<String, Entry> entries = read(file, shown, context);
      return new BatchJournal(file, shown, entries, lockChannel, new FileOutputStream(file.toFile(), true));
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new InputException("cannot use the batch journal " + shown + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  private static Map<String, Entry> read(Path file, String shown, CliContext context) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Map<?, ?> record;
      try {
        record = Json.object(lines.get(i), "record " + (i + 1));
      } catch (InputException e) {
        context.err().println("warning: " + shown + " line " + (i + 1) + " is not a whole record (skipped): " + e.getMessage());
        continue;
      }
      String key = BatchLine.key(text(record, "request"), record.get("occurrence") instanceof Number
          ? ((Number) record.get("occurrence")).intValue() : 0);
      String status = text(record, "status");
      if (key == null || status == null) {
        context.err().println("warning: " + shown + " line " + (i + 1) + " has no request or status (skipped)");
        continue;
      }
      entries.computeIfAbsent(key, k -> new Entry()).apply(status, record);
    }
    return entries;
  }

  /** Where the line stood at the end of the earlier batches; null when they never saw it. */
  synchronized Entry entry(BatchLine line) {
    return entries.get(line.key());
  }

  /** The create of the line is about to be sent. */
  void sending(BatchLine line) {
    append(line, "sending", Map.of());
  }

  /** The line's run was created. */
  void created(BatchLine line, RunId runId) {
    append(line, "created", Map.of("run", runId.value()));
  }

  /** The line's create certainly created nothing: the line can be sent again. */
  void notCreated(BatchLine line, String error) {
    append(line, "not_created", Map.of("error", error));
  }

  /** The line's create may have reached Runbase without a readable answer. */
  void mayExist(BatchLine line, Instant sentAt, String error) {
    append(line, "may_exist", Map.of("sent_at", sentAt.toString(), "error", error));
  }

  /** The line's run ended {@code succeeded} or {@code failed}. */
  void ended(BatchLine line, RunId runId, String status, String error) {
    append(line, status, error == null ? Map.of("run", runId.value()) : Map.of("run", runId.value(), "error", error));
  }

  /** The line's images are in the directory, under these names. */
  void downloaded(BatchLine line, RunId runId, List<String> files) {
    append(line, "downloaded", Map.of("run", runId.value(), "files", files));
  }

  /**
   * Appends a record and forces it to disk. A plain stream, not a channel: an interrupted thread
   * (a signal) must still be able to record the id of the run it just created.
   *
   * @throws UncheckedIOException when it cannot be written
   */
  private synchronized void append(BatchLine line, String status, Map<String, Object> fields) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("at", Instant.now().toString());
    record.put("line", line.number());
    record.put("request", line.hash());
    record.put("occurrence", line.occurrence());
    record.put("status", status);
    record.putAll(fields);
    try {
      out.write((Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      out.getFD().sync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the batch journal " + shown + ": " + e.getMessage(), e);
    }
    entries.computeIfAbsent(line.key(), k -> new Entry()).apply(status, record);
  }

  /** The journal's path. */
  Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // every record was forced to disk when written
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing releases the lock; nothing else to do
      }
    }
  }

  private static String text(Map<?, ?> record, String field) {
    Object value = record.get(field);
    return value instanceof String ? (String) value : null;
  }

  /** Where one line stands, folded from its records in order. */
  static final class Entry {
    private String status;
    private String runId;
    private List<String> files = List.of();
    private String sentAt;

    private void apply(String status, Map<?, ?> record) {
      this.status = status;
      if (text(record, "run") != null) {
        runId = text(record, "run");
      }
      if (record.get("files") instanceof List) {
        List<String> names = new ArrayList<>();
        for (Object name : (List<?>) record.get("files")) {
          names.add(String.valueOf(name));
        }
        files = List.copyOf(names);
      }
      if (text(record, "sent_at") != null) {
        sentAt = text(record, "sent_at");
      }
    }

    /** The last status recorded. */
    String status() {
      return status;
    }

    /** The run's id once it was created; null before. */
    String runId() {
      return runId;
    }

    /** The names of the images written, once downloaded. */
    List<String> files() {
      return files;
    }

    /** When a create whose outcome is unknown was sent; null when not known. */
    String sentAt() {
      return sentAt;
    }

    /** Whether a create of the line may have reached Runbase without its run id being known. */
    boolean mayExist() {
      return runId == null && ("sending".equals(status) || "may_exist".equals(status));
    }
  }
}
