package dev.seedream.testkit;

import dev.seedream.testkit.internal.PngEncoder;

/**
 * Bodies for raw answers ({@link Failure#answer(int)}), such as an image larger than a client's bound.
 *
 * <pre>{@code
 * fake.injectNext(Endpoint.IMAGE, 1,
 *     Failure.answer(200).withContentType("image/png").withBody(Bodies.pngLike(3 * 1024 * 1024)).chunked());
 * }</pre>
 */
public final class Bodies {
  /** The smallest size {@link #pngLike(int)} makes: the 8-byte signature and a 25-byte IHDR chunk. */
  public static final int MIN_PNG_LIKE_BYTES = PngEncoder.HEADER_BYTES;

  private Bodies() {}

  /**
   * Exactly {@code size} bytes that start like a PNG: the 8-byte signature and a valid IHDR chunk
   * (64 x 64, 8-bit RGB), then zeros. Enough for a check of the first bytes; not an image that
   * decodes.
   *
   * @param size at least {@value #MIN_PNG_LIKE_BYTES}
   */
  public static byte[] pngLike(int size) {
    if (size < MIN_PNG_LIKE_BYTES) {
      throw new IllegalArgumentException(
          "a PNG-like body needs at least " + MIN_PNG_LIKE_BYTES + " bytes (signature and IHDR), but was " + size);
    }
    return PngEncoder.startOfPng(size, 64, 64);
  }
}
