package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypesTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
  static final byte[] WEBP = ascii("RIFF\u0010\u0000\u0000\u0000WEBP");
  static final byte[] GIF = ascii("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000");

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String extension(byte[] head, String contentType) {
    return ImageTypes.extension(head, head.length, contentType);
  }

  @Test
  void theFirstBytesNameTheExtensionWhateverTheContentTypeSays() {
    assertThat(extension(PNG, "image/jpeg")).isEqualTo("png");
    assertThat(extension(JPEG, "image/png")).isEqualTo("jpg");
    assertThat(extension(WEBP, "application/octet-stream")).isEqualTo("webp");
    assertThat(extension(GIF, null)).isEqualTo("gif");
    assertThat(extension(ascii("GIF87a......"), "text/html")).isEqualTo("gif");
  }

  @Test
  void anImageContentTypeNamesTheExtensionOfBytesThatAreNotKnown() {
    byte[] unknown = ascii("\u0000\u0000\u0000\u001cftypavif");
    assertThat(extension(unknown, "image/avif")).isEqualTo("avif");
    assertThat(extension(unknown, "IMAGE/JPEG; charset=binary")).isEqualTo("jpg");
    assertThat(extension(unknown, "image/svg+xml")).isEqualTo("svg");
    assertThat(extension(unknown, "image/vnd.some-thing")).isEqualTo("img");
  }

  @Test
  void aBodyThatIsNeitherHasNoExtension() {
    byte[] html = ascii("<!doctype html><html>");
    assertThat(extension(html, "text/html; charset=utf-8")).isNull();
    assertThat(extension(html, null)).isNull();
    assertThat(extension(html, "image/")).isNull();
    assertThat(extension(html, "application/octet-stream")).isNull();
  }

  @Test
  void aTruncatedSignatureIsNotTakenForAnImage() {
    assertThat(ImageTypes.fromBytes(PNG, 7)).isNull();
    assertThat(ImageTypes.fromBytes(PNG, 8)).isEqualTo("png");
    assertThat(ImageTypes.fromBytes(WEBP, 11)).isNull();
    assertThat(ImageTypes.fromBytes(ascii("RIFF\u0010\u0000\u0000\u0000WAVE"), 12)).isNull();
    assertThat(ImageTypes.fromBytes(JPEG, 3)).isEqualTo("jpg");
  }

  @Test
  void theFirstBytesAreShownWithControlCharactersEscaped() {
    assertThat(ImageTypes.describe(ascii("<h1>\u001b[2J"), 8)).isEqualTo("<h1>\\u001B[2J");
    assertThat(ImageTypes.describe(PNG, 4)).isEqualTo("\\u0089PNG");
  }

  @Test
  void fileNamesAreSafeOnEveryFileSystem() {
    assertThat(dev.seedream.ImageInfo.of(dev.seedream.RunId.of("run:<7>|x"), 0, "image/png", "png", -1).fileName()).isEqualTo("run__7__x-1.png");
  }

  @Test
  void runIdsAreEncodedAsOnePathSegment() {
    assertThat(Engine.PathSegments.encode("abc-1_2.3~")).isEqualTo("abc-1_2.3~");
    assertThat(Engine.PathSegments.encode("a:b|ü")).isEqualTo("a%3Ab%7C%C3%BC");
  }
}
