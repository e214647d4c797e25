package dev.seedream.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Reads what the tests need of a PNG, checking its signature and every chunk's CRC. */
final class Png {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Png() {}

  /** {@code {width, height}} from IHDR, after checking the signature, the CRCs and the pixel data's size. */
  static int[] dimensions(byte[] png) {
    if (!Arrays.equals(Arrays.copyOf(png, 8), SIGNATURE)) {
      throw new AssertionError("not a PNG: the signature is wrong");
    }
    ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
    int width = -1;
    int height = -1;
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    boolean ended = false;
    while (in.hasRemaining()) {
      int length = in.getInt();
      byte[] type = new byte[4];
      in.get(type);
      byte[] data = new byte[length];
      in.get(data);
      int crc = in.getInt();
      CRC32 expected = new CRC32();
      expected.update(type);
      expected.update(data);
      String name = new String(type, StandardCharsets.US_ASCII);
      if ((int) expected.getValue() != crc) {
        throw new AssertionError("bad CRC in chunk " + name);
      }
      if (name.equals("IHDR")) {
        ByteBuffer header = ByteBuffer.wrap(data);
        width = header.getInt();
        height = header.getInt();
        if (data[8] != 8 || data[9] != 2) {
          throw new AssertionError("expected 8-bit RGB");
        }
      } else if (name.equals("IDAT")) {
        idat.writeBytes(data);
      } else if (name.equals("IEND")) {
        ended = true;
      }
    }
    if (!ended || width <= 0) {
      throw new AssertionError("PNG without IHDR or IEND");
    }
    long raw = inflatedSize(idat.toByteArray());
    if (raw != (long) height * (1 + 3L * width)) {
      throw new AssertionError("pixel data holds " + raw + " bytes, not " + height + " rows of " + width + " RGB pixels");
    }
    return new int[] {width, height};
  }

  private static long inflatedSize(byte[] data) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new AssertionError("truncated pixel data");
        }
        total += n;
      }
      return total;
    } catch (DataFormatException e) {
      throw new AssertionError("corrupt pixel data", e);
    } finally {
      inflater.end();
    }
  }
}
