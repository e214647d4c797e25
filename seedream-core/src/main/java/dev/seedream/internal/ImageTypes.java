package dev.seedream.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What kind of image a body is: recognised by its first bytes (PNG, JPEG, WebP, GIF), else taken
 * from an {@code image/*} {@code Content-Type}. The extension of a downloaded file comes from here,
 * never from its URL.
 */
public final class ImageTypes {
  /** How many first bytes are enough to recognise every type known here. */
  static final int SNIFF_BYTES = 12;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

  private ImageTypes() {}

  /**
   * The extension of the image, or null if the body is not one: from the first bytes when they are
   * a known type, else from an {@code image/*} Content-Type.
   *
   * @param head the first bytes of the body (all of them if fewer than {@link #SNIFF_BYTES})
   * @param contentType the answer's {@code Content-Type}, or null
   */
  static String extension(byte[] head, int length, String contentType) {
    String sniffed = fromBytes(head, length);
    return sniffed != null ? sniffed : fromContentType(contentType);
  }

  /** The extension of the type that the first bytes show, or null. */
  static String fromBytes(byte[] head, int length) {
    if (startsWith(head, length, 0, PNG)) {
      return "png";
    }
    if (startsWith(head, length, 0, JPEG)) {
      return "jpg";
    }
    if (startsWith(head, length, 0, RIFF) && startsWith(head, length, 8, WEBP)) {
      return "webp";
    }
    if (startsWith(head, length, 0, GIF87) || startsWith(head, length, 0, GIF89)) {
      return "gif";
    }
    return null;
  }

  /**
   * The extension for an {@code image/*} Content-Type, or null for another type or none: the usual
   * one for common types, the subtype itself when it is short and plain, else {@code img}.
   */
  static String fromContentType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!type.startsWith("image/") || type.length() == "image/".length()) {
      return null;
    }
    String subtype = type.substring("image/".length());
    switch (subtype) {
      case "jpeg":
      case "jpg":
      case "pjpeg":
        return "jpg";
      case "svg+xml":
        return "svg";
      case "tiff":
        return "tif";
      case "x-icon":
      case "vnd.microsoft.icon":
        return "ico";
      default:
        return subtype.matches("[a-z0-9]{1,8}") ? subtype : "img";
    }
  }

  /** The media types a reference image may have, as Runbase's models accept them. */
  public static final String ACCEPTED_MEDIA_TYPES = "image/png, image/jpeg, image/webp, image/gif";

  /** The media type ({@code image/png}, ...) that the first bytes show, or null for another type. */
  public static String mediaType(byte[] head, int length) {
    String extension = fromBytes(head, length);
    if (extension == null) {
      return null;
    }
    return extension.equals("jpg") ? "image/jpeg" : "image/" + extension;
  }

  /** The accepted media type that {@code mediaType} names (parameters and case ignored), or null. */
  public static String acceptedMediaType(String mediaType) {
    String type = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    switch (type) {
      case "image/png":
      case "image/jpeg":
      case "image/webp":
      case "image/gif":
        return type;
      case "image/jpg":
        return "image/jpeg";
      default:
        return null;
    }
  }

  /** The first bytes as text for a message, control characters escaped. */
  static String describe(byte[] head, int length) {
    return Texts.printable(new String(head, 0, length, StandardCharsets.ISO_8859_1));
  }

  private static boolean startsWith(byte[] head, int length, int offset, byte[] magic) {
    if (length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[offset + i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
