package dev.seedream.internal;

import dev.seedream.GenerationRequest;
import dev.seedream.validation.ValidationException;
import dev.seedream.validation.ViolationCode;
import dev.seedream.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Local reference images as {@code data:} URIs: a file read in bounded memory (at most {@link
 * GenerationRequest#MAX_IMAGE_BYTES} and one byte), its type from its first bytes.
 */
public final class LocalImages {
  private LocalImages() {}

  /**
   * The {@code data:} URI of an image file.
   *
   * @param index where the image goes in {@code image_urls}, for the path of a violation
   * @throws ValidationException if the file is larger than 10 MB (code {@code too_large})
   * @throws IllegalArgumentException if the file cannot be read or is not a PNG, JPEG, WebP or GIF
   */
  public static String dataUri(Path file, int index) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) GenerationRequest.MAX_IMAGE_BYTES + 1);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("cannot read the reference image " + file + ": " + e
          + " (pass a readable PNG, JPEG, WebP or GIF file)", e);
    }
    if (bytes.length > GenerationRequest.MAX_IMAGE_BYTES) {
      throw new ValidationException(List.of(Violation.of("input.image_urls[" + index + "]", ViolationCode.TOO_LARGE,
          "the reference image " + file + " is larger than " + GenerationRequest.MAX_IMAGE_BYTES
              + " bytes (10 MB): shrink it or pass a URL")));
    }
    return dataUri(bytes, null, "the reference image " + file);
  }

  /**
   * The {@code data:} URI of an image's bytes.
   *
   * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/webp} or {@code image/gif};
   *     null to detect it from the first bytes
   * @param what how a message names the image
   * @throws IllegalArgumentException if the media type is not one of those, or null and the bytes
   *     are none of them
   */
  public static String dataUri(byte[] bytes, String mediaType, String what) {
    String type;
    if (mediaType == null) {
      type = ImageTypes.mediaType(bytes, bytes.length);
      if (type == null) {
        throw new IllegalArgumentException(what + " is not an image Runbase accepts: its first bytes are '"
            + ImageTypes.describe(bytes, Math.min(bytes.length, 16)) + "', but a reference image must be one of "
            + ImageTypes.ACCEPTED_MEDIA_TYPES + " (convert it, or pass a URL)");
      }
    } else {
      type = ImageTypes.acceptedMediaType(mediaType);
      if (type == null) {
        throw new IllegalArgumentException("the media type of " + what + " is '" + Texts.printable(mediaType)
            + "', but a reference image must be one of " + ImageTypes.ACCEPTED_MEDIA_TYPES
            + " (or pass null to detect it from the bytes)");
      }
    }
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }
}
