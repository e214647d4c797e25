package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.RunId;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchJournalTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private CliContext context() {
    return CliContext.of(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]), dir, false);
  }

  @Test
  void aNextBatchReadsWhereEachLineStoodByItsRequestAndOccurrence() {
    List<BatchLine> lines = BatchLine.parse("a lamp\na chair\na lamp\n");
    try (BatchJournal journal = BatchJournal.open(dir, context())) {
      journal.sending(lines.get(0));
      journal.created(lines.get(0), RunId.of("run_1"));
      journal.ended(lines.get(0), RunId.of("run_1"), "succeeded", null);
      journal.downloaded(lines.get(0), RunId.of("run_1"), List.of("run_1-1.png"));
      journal.sending(lines.get(2));
      journal.mayExist(lines.get(2), Instant.parse("2026-01-02T03:04:05Z"), "no answer");
    }

    List<BatchLine> moved = BatchLine.parse("# inserted\na chair\na lamp\na lamp\n");
    try (BatchJournal journal = BatchJournal.open(dir, context())) {
      BatchJournal.Entry first = journal.entry(moved.get(1));
      assertThat(first.status()).isEqualTo("downloaded");
      assertThat(first.runId()).isEqualTo("run_1");
      assertThat(first.files()).containsExactly("run_1-1.png");
      BatchJournal.Entry second = journal.entry(moved.get(2));
      assertThat(second.mayExist()).isTrue();
      assertThat(second.sentAt()).isEqualTo("2026-01-02T03:04:05Z");
      assertThat(journal.entry(moved.get(0))).as("never sent").isNull();
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aTornLastRecordIsSkippedWithAWarningAndALineLeftSendingMayExist() throws Exception {
    BatchLine line = BatchLine.parse("a lamp").get(0);
    try (BatchJournal journal = BatchJournal.open(dir, context())) {
      journal.sending(line);
    }
    Files.writeString(dir.resolve(BatchJournal.FILE_NAME), "{\"at\":\"2026-01-02T03:04:05Z\",\"line\":1,\"requ",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    try (BatchJournal journal = BatchJournal.open(dir, context())) {
      assertThat(journal.entry(line).mayExist()).isTrue();
      assertThat(journal.entry(line).runId()).isNull();
    }
    assertThat(err.toString()).contains("warning: " + BatchJournal.FILE_NAME + " line 2 is not a whole record (skipped)");
  }

  @Test
  void aSecondBatchIntoTheSameDirectoryIsRefusedWhileTheFirstWrites() {
    try (BatchJournal first = BatchJournal.open(dir, context())) {
      assertThatThrownBy(() -> BatchJournal.open(dir, context()))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("another seedream batch is writing into")
          .hasMessageContaining("wait for it to end, or give another --out");
    }
    BatchJournal.open(dir, context()).close();
  }

  @Test
  void equalLinesAreTwoLinesAndAChangedLineIsANewOne() {
    List<BatchLine> lines = BatchLine.parse("a lamp\n{\"prompt\": \"a lamp\"}\na lamp\n{\"prompt\": \"a lamp\", \"quality\": \"high\"}\n");

    assertThat(lines.get(0).hash()).isEqualTo(lines.get(1).hash()).isEqualTo(lines.get(2).hash());
    assertThat(lines).extracting(BatchLine::occurrence).containsExactly(1, 2, 3, 1);
    assertThat(lines.get(3).hash()).isNotEqualTo(lines.get(0).hash()).hasSize(64);
  }
}
