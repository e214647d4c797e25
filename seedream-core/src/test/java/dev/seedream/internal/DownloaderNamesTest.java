package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.RunId;
import java.net.URI;
import org.junit.jupiter.api.Test;

class DownloaderNamesTest {
  @Test
  void extensionsComeFromTheContentTypeThenTheUrl() {
    assertThat(Downloader.extension("image/jpeg; charset=x", URI.create("https://x/a"))).isEqualTo("jpg");
    assertThat(Downloader.extension("image/webp", URI.create("https://x/a.png"))).isEqualTo("webp");
    assertThat(Downloader.extension(null, URI.create("https://x/a.WEBP?sig=1"))).isEqualTo("webp");
    assertThat(Downloader.extension("application/octet-stream", URI.create("https://x/a"))).isEqualTo("bin");
  }

  @Test
  void fileNamesAreSafeOnEveryFileSystem() {
    assertThat(Downloader.fileName(RunId.of("run:<7>|x"), 0, "image/png", URI.create("https://x/a")))
        .isEqualTo("run__7__x-1.png");
  }

  @Test
  void runIdsAreEncodedAsOnePathSegment() {
    assertThat(Engine.PathSegments.encode("abc-1_2.3~")).isEqualTo("abc-1_2.3~");
    assertThat(Engine.PathSegments.encode("a:b|ü")).isEqualTo("a%3Ab%7C%C3%BC");
  }
}
