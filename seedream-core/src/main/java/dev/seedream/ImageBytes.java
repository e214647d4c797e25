package dev.seedream;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One image of a run, held in memory: what {@code downloadBytes(run)} gives, for small images
 * (a thumbnail to return from a web handler, say).
 *
 * @since 0.1.0
 */
public final class ImageBytes {
  /** The most that one {@code downloadBytes(run)} holds in memory, all images together: 64 MiB. */
  public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

  private final ImageInfo info;
  private final byte[] bytes;

  private ImageBytes(ImageInfo info, byte[] bytes) {
    this.info = info;
    this.bytes = bytes;
  }

  /** An image and its bytes (copied). */
  public static ImageBytes of(ImageInfo info, byte[] bytes) {
    return new ImageBytes(Objects.requireNonNull(info, "info"), Objects.requireNonNull(bytes, "bytes").clone());
  }

  /** The run, position, type and name of the image. */
  public ImageInfo info() {
    return info;
  }

  /** Its media type: {@code image/png}, ... */
  public String mediaType() {
    return info.mediaType();
  }

  /** Its length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of its bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Its bytes as a stream, without a copy. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageBytes && info.equals(((ImageBytes) other).info)
        && Arrays.equals(bytes, ((ImageBytes) other).bytes);
  }

  @Override
  public int hashCode() {
    return 31 * info.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ImageBytes{" + info.fileName() + ", " + info.mediaType() + ", " + bytes.length + " bytes}";
  }
}
