package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.validation.ValidationException;
import dev.seedream.validation.Violation;
import dev.seedream.validation.ViolationCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImageTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
  static final byte[] WEBP = "RIFF\u0010\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir Path dir;

  private static GenerationRequest.Builder builder() {
    return GenerationRequest.builder().prompt("edit this");
  }

  @Test
  void aFileBecomesADataUriOfItsDetectedType() throws IOException {
    Path jpeg = Files.write(dir.resolve("photo.bin"), JPEG);
    Path webp = Files.write(dir.resolve("photo.png"), WEBP); // the name says png: the bytes win

    GenerationRequest request = builder().addImage(jpeg).addImage(webp).build();

    assertThat(request.imageUrls()).containsExactly(
        "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(JPEG),
        "data:image/webp;base64," + Base64.getEncoder().encodeToString(WEBP));
  }

  @Test
  void bytesAreDetectedWhenNoMediaTypeIsGiven() {
    GenerationRequest request = builder().addImage(PNG, null).addImage(GIF, null).addImage(JPEG, "IMAGE/JPG").build();

    assertThat(request.imageUrls()).extracting(url -> url.substring(0, url.indexOf(';')))
        .containsExactly("data:image/png", "data:image/gif", "data:image/jpeg");
    assertThat(request.imageUrls().get(0)).endsWith(Base64.getEncoder().encodeToString(PNG));
  }

  @Test
  void bytesOfAnUnknownTypeAreRefusedNamingWhatIsAccepted() {
    byte[] text = "<html>not an image".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> builder().addImageUrl("https://img.example.com/a.png").addImage(text, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference image 2")
        .hasMessageContaining("<html>")
        .hasMessageContaining("image/png, image/jpeg, image/webp, image/gif");
    assertThatThrownBy(() -> builder().addImage(PNG, "image/tiff"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'image/tiff'")
        .hasMessageContaining("image/png, image/jpeg, image/webp, image/gif");
  }

  @Test
  void aFileOfAnUnknownTypeOrThatCannotBeReadIsRefusedNamingTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    Path missing = dir.resolve("missing.png");

    assertThatThrownBy(() -> builder().addImage(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text.toString())
        .hasMessageContaining("image/png, image/jpeg, image/webp, image/gif");
    assertThatThrownBy(() -> builder().addImage(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the reference image " + missing);
    assertThatThrownBy(() -> builder().addImage(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void aFileOver10MbIsTooLargeAtItsJsonPathWithoutBeingHeld() throws IOException {
    Path big = dir.resolve("big.png");
    byte[] bytes = Arrays.copyOf(PNG, (int) GenerationRequest.MAX_IMAGE_BYTES + 1);
    Files.write(big, bytes);

    assertThatThrownBy(() -> builder().addImageUrl("https://img.example.com/a.png").addImage(big))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("input.image_urls[1]", ViolationCode.TOO_LARGE)))
        .hasMessageContaining(big.toString());
  }

  @Test
  void bytesAreCheckedAsAnyImageAtBuild() {
    byte[] big = Arrays.copyOf(PNG, (int) GenerationRequest.MAX_IMAGE_BYTES + 1);
    assertThatThrownBy(() -> builder().addImage(PNG, null).addImage(big, null).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("input.image_urls[1]", ViolationCode.TOO_LARGE)));

    GenerationRequest.Builder fifteen = builder();
    for (int i = 0; i < GenerationRequest.MAX_REFERENCE_IMAGES + 1; i++) {
      fifteen.addImage(PNG, "image/png");
    }
    assertThatThrownBy(fifteen::build)
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("input.image_urls[14]", ViolationCode.TOO_MANY)));
  }

  @Test
  void exactly10MbIsAccepted() {
    byte[] limit = Arrays.copyOf(PNG, (int) GenerationRequest.MAX_IMAGE_BYTES);
    assertThat(builder().addImage(limit, null).build().imageUrls()).hasSize(1);
  }
}
