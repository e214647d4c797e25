package dev.seedream.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** A minimal PNG writer: 8-bit RGB, one IDAT chunk, no filtering. Deterministic for the same pixels. */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Gives the RGB bytes of one row ({@code 3 * width} bytes) into {@code row}. */
  interface Rows {
    void fill(int y, byte[] row);
  }

  private PngEncoder() {}

  static byte[] encode(int width, int height, Rows rows) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      png.write(SIGNATURE);
      byte[] header = new byte[13];
      putInt(header, 0, width);
      putInt(header, 4, height);
      header[8] = 8; // bit depth
      header[9] = 2; // colour type: truecolour
      chunk(png, "IHDR", header);
      chunk(png, "IDAT", compress(width, height, rows));
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] compress(int width, int height, Rows rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DeflaterOutputStream zip = new DeflaterOutputStream(out, deflater, 64 * 1024)) {
      byte[] row = new byte[width * 3];
      for (int y = 0; y < height; y++) {
        zip.write(0); // filter: none
        rows.fill(y, row);
        zip.write(row);
      }
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    out.write(length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.write(typeBytes);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] sum = new byte[4];
    putInt(sum, 0, (int) crc.getValue());
    out.write(sum);
  }

  private static void putInt(byte[] target, int at, int value) {
    target[at] = (byte) (value >>> 24);
    target[at + 1] = (byte) (value >>> 16);
    target[at + 2] = (byte) (value >>> 8);
    target[at + 3] = (byte) value;
  }
}
