package dev.seedream.testkit;

import static dev.seedream.testkit.Http.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw answers with bodies past a bound: chunked without a length, and with a length that lies. */
class BigBodyTest {
  private static final int SIZE = 300_000;
  private static FakeRunbase fake;
  private static String imageUrl;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(0, 0)).start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
    String id = id(Http.create(fake, "A lamp"));
    imageUrl = Http.pollToEnd(fake, id).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
  }

  @Test
  void aChunkedAnswerHasNoContentLength() {
    byte[] png = Bodies.pngLike(SIZE);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200).withContentType("image/png").withBody(png).chunked());

    RawHttp.Response response = RawHttp.get(imageUrl);

    assertThat(response.framing()).isEqualTo(RawHttp.Framing.CHUNKED);
    assertThat(response.header("Content-Length")).isEmpty();
    assertThat(response.header("Content-Type")).hasValue("image/png");
    assertThat(response.body()).isEqualTo(png);
    assertThat(fake.journal().injected()).singleElement()
        .satisfies(r -> assertThat(r.injected().orElseThrow().toString()).contains("chunked"));
  }

  @Test
  void aLargeAnswerDeclaresItsLengthUnlessChunked() {
    byte[] png = Bodies.pngLike(SIZE);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200).withContentType("image/png").withBody(png));

    RawHttp.Response response = RawHttp.get(imageUrl);

    assertThat(response.framing()).isEqualTo(RawHttp.Framing.CONTENT_LENGTH);
    assertThat(response.header("Content-Length")).hasValue(Integer.toString(SIZE));
    assertThat(response.body()).isEqualTo(png);
  }

  @Test
  void aContentLengthAboveTheBodyEndsTheConnectionEarly() {
    fake.injectNext(Endpoint.IMAGE, 2, Failure.answer(200).withContentType("image/png").withBody(Bodies.pngLike(100))
        .withDeclaredContentLength(SIZE));

    RawHttp.Response response = RawHttp.get(imageUrl);

    assertThat(response.header("Content-Length")).hasValue(Integer.toString(SIZE));
    assertThat(response.endedEarly()).isTrue();
    assertThat(response.body()).hasSize(100);
    assertThatThrownBy(() -> Http.bytes(imageUrl)).as("the JDK's client meets the early end")
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void aContentLengthBelowTheBodyLeavesTheRestOnTheConnection() {
    byte[] body = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200).withBody(body).withDeclaredContentLength(10));

    RawHttp.Response response = RawHttp.get(imageUrl, 10);

    assertThat(response.header("Content-Length")).hasValue("10");
    assertThat(response.endedEarly()).isFalse();
    assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
    assertThat(new String(response.after(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
  }

  @Test
  void chunkedComesFromTheControlJsonToo() {
    String base64 = Base64.getEncoder().encodeToString(Bodies.pngLike(40));
    Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__control/inject"))
        .POST(BodyPublishers.ofString("{\"endpoint\":\"image\",\"times\":2,\"answer\":"
            + "{\"status\":200,\"contentType\":\"image/png\",\"bodyBase64\":\"" + base64 + "\",\"chunked\":true}}"))
        .build());

    RawHttp.Response response = RawHttp.get(imageUrl);

    assertThat(response.framing()).isEqualTo(RawHttp.Framing.CHUNKED);
    assertThat(response.body()).isEqualTo(Bodies.pngLike(40));
  }

  @Test
  void aPngLikeBodyStartsWithTheSignatureAndAValidHeader() {
    byte[] body = Bodies.pngLike(1000);

    assertThat(body).hasSize(1000);
    assertThat(Arrays.copyOf(body, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    ByteBuffer ihdr = ByteBuffer.wrap(body, 8, 25);
    assertThat(ihdr.getInt()).isEqualTo(13);
    assertThat(new String(body, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    CRC32 crc = new CRC32();
    crc.update(body, 12, 17);
    assertThat(ByteBuffer.wrap(body, 16, 8).getInt()).isEqualTo(64);
    assertThat(ByteBuffer.wrap(body, 29, 4).getInt()).isEqualTo((int) crc.getValue());
    assertThat(Arrays.copyOfRange(body, 33, 1000)).containsOnly(0);
    assertThatThrownBy(() -> Bodies.pngLike(32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("33");
  }

  @Test
  void chunkedAndADeclaredLengthExcludeEachOther() {
    assertThatThrownBy(() -> Failure.answer(200).chunked().withDeclaredContentLength(5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chunked");
    assertThatThrownBy(() -> Failure.answer(200).withDeclaredContentLength(5).chunked()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Failure.answer(200).withDeclaredContentLength(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> Failure.answer(200).withHeader("Transfer-Encoding", "chunked")).hasMessageContaining("chunked()");
    assertThatThrownBy(() -> Failure.answer(200).withHeader("Content-Length", "3")).hasMessageContaining("withDeclaredContentLength");
    assertThatThrownBy(() -> Failure.serverError(500).chunked()).isInstanceOf(IllegalStateException.class);
  }
}
