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
public final class PngEncoder {
  /** The length of the signature and an IHDR chunk: the shortest start of a PNG. */
  public static final int HEADER_BYTES = 8 + 12 + 13;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Gives the RGB bytes of one row ({@code 3 * width} bytes) into {@code row}. */
  interface Rows {
    void fill(int y, byte[] row);
  }

  private PngEncoder() {}

  static byte[] encode(int width, int height, Rows rows) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      header(png, width, height);
      chunk(png, "IDAT", compress(width, height, rows));
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code size} bytes: the signature and the IHDR chunk of a {@code width} x {@code height} image, then zeros. */
  public static byte[] startOfPng(int size, int width, int height) {
    try {
      ByteArrayOutputStream start = new ByteArrayOutputStream(HEADER_BYTES);
      header(start, width, height);
      byte[] body = new byte[size];
      System.arraycopy(start.toByteArray(), 0, body, 0, HEADER_BYTES);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(OutputStream png, int width, int height) throws IOException {
    png.write(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: truecolour
    chunk(png, "IHDR", header);
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
