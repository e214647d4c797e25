package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartFilesTest {
  @TempDir Path dir;

  @Test
  void aPartFileIsInProgressUntilItIsDeleted() throws Exception {
    int before = PartFiles.inProgress();
    PartFiles.PartFile part = PartFiles.create(dir, ".run-1-1-");
    part.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));

    assertThat(part.path()).exists().hasParent(dir);
    assertThat(part.path().getFileName().toString()).startsWith(".run-1-1-").endsWith(".part");
    assertThat(PartFiles.inProgress()).isEqualTo(before + 1);

    part.delete();

    assertThat(part.path()).doesNotExist();
    assertThat(part.channel().isOpen()).isFalse();
    assertThat(PartFiles.inProgress()).isEqualTo(before);
  }

  @Test
  void aPartFileRenamedIntoPlaceIsForgottenAndKept() throws Exception {
    int before = PartFiles.inProgress();
    PartFiles.PartFile part = PartFiles.create(dir, ".run-1-1-");
    part.channel().close();
    Path image = Files.move(part.path(), dir.resolve("run-1-1.png"));

    part.forget();

    assertThat(PartFiles.inProgress()).isEqualTo(before);
    assertThat(image).exists();
  }

  @Test
  void twoPartFilesOfTheSameImageGetDifferentNames() throws Exception {
    PartFiles.PartFile a = PartFiles.create(dir, ".run-1-1-");
    PartFiles.PartFile b = PartFiles.create(dir, ".run-1-1-");
    try {
      assertThat(a.path()).isNotEqualTo(b.path());
    } finally {
      a.delete();
      b.delete();
    }
  }
}
