package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class DownloadUrlsTest {
  @Test
  void httpAndHttpsUrlsWithAHostAreFetched() {
    assertThat(DownloadUrls.problem(URI.create("https://cdn.example/a.png?sig=1"))).isNull();
    assertThat(DownloadUrls.problem(URI.create("HTTP://127.0.0.1:8080/a"))).isNull();
    assertThat(DownloadUrls.problem(URI.create("http://[::1]/a"))).isNull();
  }

  @Test
  void otherSchemesRelativeAndOpaqueUrlsAndUrlsWithoutAHostAreNot() {
    assertThat(DownloadUrls.problem(URI.create("ftp://cdn.example/a.png"))).contains("scheme is 'ftp'");
    assertThat(DownloadUrls.problem(URI.create("file:///etc/passwd"))).contains("scheme is 'file'");
    assertThat(DownloadUrls.problem(URI.create("/images/a.png"))).contains("not absolute");
    assertThat(DownloadUrls.problem(URI.create("http:cdn.example/a.png"))).contains("names no host");
    assertThat(DownloadUrls.problem(URI.create("http:///a.png"))).contains("no host");
    assertThat(DownloadUrls.problem(URI.create("http://bad_host/a.png"))).contains("no host");
  }

  @Test
  void aUrlWithUserInfoIsNotFetched() {
    assertThat(DownloadUrls.problem(URI.create("https://user:secret@cdn.example/a.png"))).contains("user info");
    assertThat(DownloadUrls.problem(URI.create("https://user@cdn.example/a.png"))).contains("user info");
  }

  @Test
  void urlsAreShownWithoutUserInfoQueryOrControlCharacters() {
    assertThat(DownloadUrls.display(URI.create("https://user:secret@cdn.example/a.png?sig=abc#x")))
        .isEqualTo("https://...@cdn.example/a.png?...");
    assertThat(DownloadUrls.display("http://u:p@h/a\u001b[2J?token=1")).isEqualTo("http://...@h/a\\u001B[2J?...");
    assertThat(DownloadUrls.display("https://cdn.example/a@b.png")).isEqualTo("https://cdn.example/a@b.png");
    assertThat(DownloadUrls.display(URI.create("mailto:someone@example.com"))).isEqualTo("mailto:someone@example.com");
  }

  @Test
  void aRedirectIsResolvedAgainstTheUrlThatAnsweredIt() throws URISyntaxException {
    URI base = URI.create("https://cdn.example/files/a.png?sig=1");
    assertThat(DownloadUrls.resolve(base, "b.png")).isEqualTo(URI.create("https://cdn.example/files/b.png"));
    assertThat(DownloadUrls.resolve(base, " //other.example/c.png ")).isEqualTo(URI.create("https://other.example/c.png"));
    assertThat(DownloadUrls.resolve(URI.create("https://cdn.example"), "d.png")).isEqualTo(URI.create("https://cdn.example/d.png"));
    assertThat(DownloadUrls.resolve(base, "ftp://x/y")).isEqualTo(URI.create("ftp://x/y"));
    assertThatThrownBy(() -> DownloadUrls.resolve(base, "http://exa mple/")).isInstanceOf(URISyntaxException.class);
  }
}
