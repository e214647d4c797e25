package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One image of a run as a download sees it before its bytes: the run, its position, its type
 * and, if the image host declared it, its length.
 *
 * @since 0.1.0
 */
public final class ImageInfo {
  private final RunId runId;
  private final int index;
  private final String mediaType;
  private final String extension;
  private final long declaredLength;

  private ImageInfo(RunId runId, int index, String mediaType, String extension, long declaredLength) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.index = index;
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.extension = Objects.requireNonNull(extension, "extension");
    this.declaredLength = declaredLength;
  }

  /**
   * An image's description.
   *
   * @param index its position among the run's output URLs, from 0
   * @param mediaType {@code image/png}, ...
   * @param extension {@code png}, ...
   * @param declaredLength its declared length in bytes, or -1 if none was declared
   */
  public static ImageInfo of(RunId runId, int index, String mediaType, String extension, long declaredLength) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be at least 0, but was " + index);
    }
    return new ImageInfo(runId, index, mediaType, extension, declaredLength < 0 ? -1 : declaredLength);
  }

  /** The run the image belongs to. */
  public RunId runId() {
    return runId;
  }

  /** Its position among the run's output URLs, from 0. */
  public int index() {
    return index;
  }

  /** Its media type, from its first bytes ({@code image/png}, {@code image/jpeg}, ...), else its Content-Type. */
  public String mediaType() {
    return mediaType;
  }

  /** The extension its type has: {@code png}, {@code jpg}, ... */
  public String extension() {
    return extension;
  }

  /** The name a download into a directory gives it: {@code <run id>-<index + 1>.<extension>}. */
  public String fileName() {
    return Texts.fileSafe(runId.value()) + "-" + (index + 1) + "." + extension;
  }

  /** Its length as the image host declared it ({@code Content-Length}); empty if it declared none. */
  public OptionalLong declaredLength() {
    return declaredLength < 0 ? OptionalLong.empty() : OptionalLong.of(declaredLength);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ImageInfo)) {
      return false;
    }
    ImageInfo that = (ImageInfo) other;
    return runId.equals(that.runId) && index == that.index && mediaType.equals(that.mediaType)
        && extension.equals(that.extension) && declaredLength == that.declaredLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(runId, index, mediaType, extension, declaredLength);
  }

  @Override
  public String toString() {
    return "ImageInfo{" + fileName() + ", " + mediaType + (declaredLength < 0 ? "" : ", " + declaredLength + " bytes") + "}";
  }
}
