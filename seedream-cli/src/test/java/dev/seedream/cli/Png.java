package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the size of a PNG from its IHDR chunk, after checking the signature. */
final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  final int width;
  final int height;

  private Png(int width, int height) {
    this.width = width;
    this.height = height;
  }

  static Png read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).as("size of %s", file).isGreaterThan(33);
    byte[] signature = new byte[8];
    System.arraycopy(bytes, 0, signature, 0, 8);
    assertThat(signature).as("PNG signature of %s", file).isEqualTo(SIGNATURE);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    assertThat(new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    return new Png(buffer.getInt(16), buffer.getInt(20));
  }

  /** Width over height. */
  double ratio() {
    return (double) width / height;
  }
}
