package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.RunError;
import dev.seedream.codec.gson.Skim.Outcome;
import dev.seedream.codec.gson.internal.RunSkimmer;
import dev.seedream.spi.RunBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the skimmer of {@link GsonJsonCodec#runBody} keeps of an answer, and what it refuses. */
class RunSkimmerTest {
  private static final String ECHO =
      "\"input\":{\"prompt\":\"a \\\"quoted\\\" } ] {[ prompt \\\\\",\"image_urls\":[\"data:image/png;base64,AAAA\"]}";

  static List<String> trickyBodies() {
    return List.of(
        "{" + ECHO + ",\"id\":\"run_1\",\"status\":\"succeeded\"}",
        "{\"\\u0069d\":\"run_2\",\"st\\u0061tus\":\"pending\",\"in\\u0070ut\":{\"x\":\"\\u0022}\"}}",
        " \r\n\t{ \"id\" :\t\"r\" , \"cost\" : { \"a\" : [ 1 , -2.5E+3 , 0 , 0.5e-2 , true , false , null ] } ,"
            + " \"status\"\n:\n\"processing\" \n} \r\n",
        "{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"quote \\\" brace } bracket ] \\\\\",\"code\":\"x\"},"
            + "\"input\":[[[[{\"a\":[{}]}]]]],\"completed_at\":1735787047500,\"started_at\":-0.5,\"model\":null}",
        "{\"id\":\"r\",\"status\":\"succeeded\",\"output\":{\"urls\":[\"https://c.example/\\u00e9.png\"],\"meta\":{\"k\":[1,[2]]}},"
            + "\"\\/input\\/\":\"\\b\\f\\n\\r\\t\\/\",\"status_\":1}",
        "{\"id\":\"é-ü-€-😀\",\"status\":\"pending\",\"input\":{\"prompt\":\"日本語 😀 \\ud83d\\ude00\"},\"n\":[1e400,-0,123456789012345678901234567890]}",
        "\uFEFF{\"id\":\"r\",\"status\":\"pending\",\"input\":{}}",
        "{}",
        "{\"id\":\"r\",\"status\":\"pending\"",
        "{\"id\":\"r\",\"input\":{\"p\":\"cut here",
        "<html><body>502 Bad Gateway</body></html>",
        "[{\"id\":\"r\",\"status\":\"pending\"}]",
        "{\"id\":\"r\",\"status\":\"pending\"} trailing",
        "{\"id\":\"r\" \"status\":\"pending\",\"input\":1}",
        "{\"input\":1,\"id\":\"r\",\"status\":\"pending\",}");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String keptOf(String body) {
    return new String(Skim.whole(utf8(body)), StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheRunsOwnMembersAndDropsTheEchoedInputAndEveryUnknownMember() {
    String body = "{" + ECHO + ",\"id\":\"run_1\",\"cost\":{\"amount\":0.05,\"list\":[1,-2.5e3,true,false,null,{\"x\":[]}]},"
        + "\"status\":\"succeeded\",\"output\":{\"urls\":[\"https://c.example/a.png\"]},\"extra\":\"x\","
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"error\":null,\"model\":\"bytedance/seedream-4.5\","
        + "\"started_at\":1,\"completed_at\":2.5,\"last\":[]}";

    assertThat(keptOf(body)).isEqualTo("{\"id\":\"run_1\",\"status\":\"succeeded\",\"output\":{\"urls\":[\"https://c.example/a.png\"]},"
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"error\":null,\"model\":\"bytedance/seedream-4.5\","
        + "\"started_at\":1,\"completed_at\":2.5}");
  }

  @Test
  void comparesMemberNamesDecodedAndKeepsThemAsTheyCame() {
    assertThat(keptOf("{\"\\u0069d\":\"r\",\"in\\u0070ut\":{\"prompt\":\"p\"},\"st\\u0061tus\":\"pending\"}"))
        .isEqualTo("{\"\\u0069d\":\"r\",\"st\\u0061tus\":\"pending\"}");
  }

  @Test
  void copiesKeptValuesByteForByteWithTheirWhitespaceAndEscapes() {
    String error = "{ \"message\" : \"a \\\"b\\\" \\\\ \\u0022 } ]\" ,\n\"code\":\"c\" }";

    assertThat(keptOf("{\"status\" : \"failed\", \"id\":\"r\",\"error\": " + error + " }"))
        .isEqualTo("{\"status\":\"failed\",\"id\":\"r\",\"error\":" + error + "}");
  }

  @Test
  void keepsMembersOnlyAtTheTopLevel() {
    assertThat(keptOf("{\"input\":{\"id\":\"not-this\",\"status\":\"x\"},\"id\":\"r\",\"status\":\"pending\"}"))
        .isEqualTo("{\"id\":\"r\",\"status\":\"pending\"}");
  }

  @ParameterizedTest
  @MethodSource("trickyBodies")
  void keepsTheSameWhereverTheBodyIsCut(String text) {
    byte[] body = utf8(text);
    byte[] whole = Skim.whole(body);

    for (int cut = 0; cut <= body.length; cut++) {
      assertThat(Skim.split(body, cut)).as("cut at %d", cut).isEqualTo(whole);
    }
    assertThat(Skim.byteByByte(body)).isEqualTo(whole);
  }

  @ParameterizedTest
  @MethodSource("trickyBodies")
  void readsWhatTheReaderReadsOfTheWholeBody(String text) {
    byte[] body = utf8(text);
    Outcome direct = Outcome.direct(body);
    Outcome skimmed = Outcome.skimmed(() -> Skim.whole(body));

    if (direct.isRun() || !direct.failure.contains(" at line ")) {
      assertThat(skimmed).isEqualTo(direct); // the same run, or the same message where it names no position
    } else {
      assertThat(skimmed.isRun()).as("the skimmed body fails too: %s", skimmed).isFalse();
      assertThat(skimmed.failure).startsWith("the answer is not a run");
    }
  }

  @Test
  void readsARunWhoseEchoedInputHoldsFourteenImagesOfTenMegabytes() {
    String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[10 * 1024 * 1024]);
    RunBody skimmer = Skim.CODEC.runBody(1024 * 1024);
    byte[] head = utf8("{\"id\":\"run_big\",\"model\":\"bytedance/seedream-4.5\",\"status\":\"succeeded\",\"input\":{\"prompt\":\"p\",\"image_urls\":[");
    byte[] imageBytes = utf8(image);
    write(skimmer, head);
    for (int i = 0; i < 14; i++) {
      write(skimmer, utf8(i == 0 ? "\"" : ",\""));
      for (int at = 0; at < imageBytes.length; at += 65_536) {
        write(skimmer, ByteBuffer.wrap(imageBytes, at, Math.min(65_536, imageBytes.length - at)));
      }
      write(skimmer, utf8("\""));
    }
    write(skimmer, utf8("]},\"output\":{\"urls\":[\"https://c.example/0.png\"]}}"));

    byte[] kept = skimmer.kept();
    assertThat(kept.length).isLessThan(200);
    assertThat(Skim.CODEC.readRun(kept).outputUrls()).hasSize(1);
  }

  @Test
  void theCeilingHoldsFourteenImagesOfTenMegabytesAsBase64() {
    long fourteenImages = 14 * ((10L * 1024 * 1024 + 2) / 3 * 4 + "\"data:image/png;base64,\",".length());

    assertThat(RunSkimmer.MAX_BODY_BYTES).isGreaterThan(fourteenImages + 64 * 1024);
  }

  @Test
  void refusesAnAnswerLargerThanTheCeilingEvenIfAllOfItIsSkipped() {
    RunBody skimmer = new RunSkimmer(1024, 10_000);
    write(skimmer, utf8("{\"id\":\"r\",\"status\":\"pending\",\"input\":\""));
    byte[] filler = new byte[1000];
    java.util.Arrays.fill(filler, (byte) 'A');

    assertThatThrownBy(() -> {
      for (int i = 0; i < 20; i++) {
        skimmer.write(ByteBuffer.wrap(filler));
      }
    })
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("larger than 10000 bytes");
  }

  @Test
  void refusesRunFieldsLargerThanWhatIsKeptNamingMaxResponseBytes() {
    String message = "x".repeat(5000);
    byte[] body = utf8("{\"id\":\"r\",\"status\":\"failed\",\"error\":{\"message\":\"" + message + "\"}}");

    assertThatThrownBy(() -> Skim.at(body, 4096))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("the run's own fields")
        .hasMessageContaining("larger than 4096 bytes (maxResponseBytes)")
        .hasMessageContaining("raise maxResponseBytes");
    assertThat(Skim.CODEC.readRun(Skim.at(body, 6000)).error()).contains(RunError.of(message, null));
  }

  @Test
  void boundsABodyThatIsNotAnObject() {
    byte[] html = utf8("<html>" + "x".repeat(5000) + "</html>");

    assertThatThrownBy(() -> Skim.at(html, 4096))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("the answer is not a run: the body is not a well-formed JSON object")
        .hasMessageContaining("4096 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"input\":[1},\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\" \"x\",\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":1 \"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":1,}",
    "{\"input\":tru,\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":01,\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":\"\\x\",\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":\"\\u12g4\",\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":[1,],\"id\":\"r\",\"status\":\"pending\"}",
    "{\"input\":{\"a\" 1},\"id\":\"r\",\"status\":\"pending\"}",
    "{\"\\q\":1,\"id\":\"r\",\"status\":\"pending\"}",
  })
  void aSyntaxErrorInsideADroppedMemberIsMalformedThoughTheRestIsARun(String text) {
    byte[] body = utf8(text);

    assertThat(Outcome.direct(body).isRun()).as("the reader refuses the whole body").isFalse();
    assertThatThrownBy(() -> Skim.CODEC.readRun(Skim.whole(body)))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageStartingWith("the answer is not a run: the JSON is malformed");
  }

  @Test
  void reportsNestingDeeperThanTheReadersLimitInADroppedMember() {
    byte[] deep = utf8("{\"id\":\"r\",\"status\":\"pending\",\"x\":" + "[".repeat(254) + "]".repeat(254) + "}");
    byte[] tooDeep = utf8("{\"id\":\"r\",\"status\":\"pending\",\"x\":" + "[".repeat(255) + "]".repeat(255) + "}");

    assertThat(Outcome.skimmed(() -> Skim.whole(deep))).isEqualTo(Outcome.direct(deep));
    assertThat(Outcome.direct(tooDeep).isRun()).isFalse();
    assertThatThrownBy(() -> Skim.whole(tooDeep))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("nested deeper than 255");
  }

  @Test
  void readsChunksFromDirectBuffersAsFromHeapBuffers() {
    byte[] body = utf8(trickyBodies().get(0));
    RunBody skimmer = Skim.CODEC.runBody(1024);
    ByteBuffer direct = ByteBuffer.allocateDirect(body.length);
    direct.put(body).flip();

    write(skimmer, direct);

    assertThat(direct.hasRemaining()).as("the chunk is consumed").isFalse();
    assertThat(skimmer.kept()).isEqualTo(Skim.whole(body));
  }

  @Test
  void keptIsEmptyForAnEmptyBody() {
    assertThat(Skim.whole(new byte[0])).isEmpty();
    assertThatThrownBy(() -> Skim.CODEC.readRun(Skim.whole(new byte[0]))).hasMessageContaining("empty");
  }

  @Test
  void refusesABoundThatIsNotPositive() {
    assertThatThrownBy(() -> Skim.CODEC.runBody(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive, but was 0");
  }

  @Test
  void aRunReadThroughTheSkimmerEqualsTheRunReadWhole() {
    byte[] body = utf8(trickyBodies().get(3));

    Run skimmed = Skim.CODEC.readRun(Skim.whole(body));

    assertThat(skimmed).isEqualTo(Skim.CODEC.readRun(body));
    assertThat(skimmed.error()).contains(RunError.of("quote \" brace } bracket ] \\", "x"));
  }

  private static void write(RunBody skimmer, byte[] bytes) {
    write(skimmer, ByteBuffer.wrap(bytes));
  }

  private static void write(RunBody skimmer, ByteBuffer chunk) {
    try {
      skimmer.write(chunk);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
