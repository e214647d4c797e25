package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.codec.gson.Skim.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the skimmer over seeded random input, fed in random chunks (plain JUnit with a
 * seeded {@link Random}; the seed and the try are in every failure message): a run read from what
 * the skimmer kept equals the run read from the whole body, and a body the reader refuses is
 * refused through the skimmer too.
 */
class SkimmerPropertiesTest {
  private static final long SEED = 0x5C1_44E2_2026L;
  private static final String[] STATUSES = {"pending", "processing", "succeeded", "failed", "Queued-Again"};
  private static final String[] EXTRA_NAMES = {"input", "cost", "ID", "Id", "ids", "status_", "\\u0069nput", "x", "", "output_"};
  private static final String[] SPACES = {" ", "\n", "\t", "\r\n", "  \t"};
  private static final String STRING_CHARS = "abcXYZ019 _-/:.\"\\{}[],é€😀\u0001\u007f\u2028";
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"id\"", "\"\\u0069d\"", "\"status\"", "\"input\"", "\"output\"", "\"urls\"",
    "\"error\"", "\"pending\"", "\"https://a.example/x.png\"", "\"r1\"", "null", "true", "1", "-0.5e3", "\"",
    "\\", "\\u12", "x", " ", "\n", "1e999999", "\"a/b\"", "\"\""
  };

  private final Random random = new Random(SEED);

  @Test
  void aRunWithRandomExtraMembersReadsTheSameThroughTheSkimmerInRandomChunks() {
    for (int i = 0; i < 400; i++) {
      byte[] body = utf8(run(4, 200));
      Outcome direct = Outcome.direct(body);
      assertThat(direct.isRun()).as("try %d of seed %x: a valid run: %s", i, SEED, direct).isTrue();

      assertThat(Outcome.skimmed(() -> Skim.randomChunks(body, random)))
          .as("try %d of seed %x", i, SEED)
          .isEqualTo(direct);
    }
  }

  @Test
  void aRunWithBigAndDeeplyNestedExtraMembersReadsTheSame() {
    for (int i = 0; i < 12; i++) {
      List<String> extras = new ArrayList<>();
      extras.add(member("input", "{\"prompt\":" + string(40) + ",\"image_urls\":[" + dataUri(1 + random.nextInt(1_500_000))
          + "," + dataUri(random.nextInt(1000)) + "]}"));
      extras.add(member("x_deep", nested(1 + random.nextInt(250))));
      extras.add(member("x_long", string(200_000)));
      byte[] body = utf8(run(extras, 3, 60));
      Outcome direct = Outcome.direct(body);
      assertThat(direct.isRun()).as("try %d of seed %x: %s", i, SEED, direct).isTrue();

      byte[] kept = Skim.randomChunks(body, random);

      assertThat(Outcome.skimmed(() -> kept)).as("try %d of seed %x", i, SEED).isEqualTo(direct);
      assertThat(kept.length).as("what is kept of %d bytes", body.length).isLessThan(20_000);
    }
  }

  @Test
  void jsonIshTextIsARunThroughTheSkimmerExactlyWhenItIsOneWhole() {
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "{" : "");
      for (int n = random.nextInt(30); n > 0; n--) {
        text.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
      assertSameVerdict(utf8(text.toString()), i);
    }
  }

  @Test
  void aMutatedRunIsARunThroughTheSkimmerExactlyWhenItIsOneWhole() {
    String alphabet = "{}[],:\"\\ a0-.eEtfnu/";
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder(run(2, 4));
      for (int n = 1 + random.nextInt(2); n > 0 && text.length() > 0; n--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(4)) {
          case 0:
            text.deleteCharAt(at);
            break;
          case 1:
            text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          case 2:
            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          default:
            text.setLength(at);
        }
      }
      assertSameVerdict(utf8(text.toString()), i);
    }
  }

  private void assertSameVerdict(byte[] body, int attempt) {
    Outcome direct = Outcome.direct(body);
    Outcome skimmed = Outcome.skimmed(() -> Skim.randomChunks(body, random));
    String shown = new String(body, StandardCharsets.UTF_8);
    if (direct.isRun()) {
      assertThat(skimmed).as("try %d of seed %x: %s", attempt, SEED, shown).isEqualTo(direct);
    } else {
      assertThat(skimmed.isRun()).as("try %d of seed %x: %s is refused (%s), but skimmed: %s", attempt, SEED, shown, direct, skimmed)
          .isFalse();
      assertThat(skimmed.failure).as("try %d", attempt).startsWith("the answer is not a run");
    }
  }

  /** A run with its own members (each present or not) and random extra members, in random order. */
  private String run(int extraDepth, int extraLength) {
    List<String> extras = new ArrayList<>();
    for (int n = random.nextInt(5); n > 0; n--) {
      String name = random.nextBoolean() ? EXTRA_NAMES[random.nextInt(EXTRA_NAMES.length)] : "x_" + random.nextInt(100);
      extras.add(member(name, value(extraDepth, extraLength)));
    }
    if (random.nextInt(4) == 0) {
      // raw control characters: the reader skips them in members it does not read, and refuses them in those it reads
      extras.add(member("x_raw", "[\"a\u0001b\t\u001f\"]"));
    }
    return run(extras, extraDepth, extraLength);
  }

  private String run(List<String> extras, int depth, int length) {
    List<String> members = new ArrayList<>(extras);
    members.add(member(escapedName("id"), escaped("run_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36))));
    members.add(member(escapedName("status"), escaped(STATUSES[random.nextInt(STATUSES.length)])));
    if (random.nextBoolean()) {
      members.add(member(escapedName("output"), random.nextInt(4) == 0 ? "null" : output(depth, length)));
    }
    if (random.nextBoolean()) {
      members.add(member(escapedName("error"), error(length)));
    }
    if (random.nextBoolean()) {
      members.add(member(escapedName("model"), random.nextBoolean() ? escaped("bytedance/seedream-4.5") : value(depth, length)));
    }
    for (String timestamp : new String[] {"created_at", "started_at", "completed_at"}) {
      if (random.nextBoolean()) {
        members.add(member(escapedName(timestamp), timestamp()));
      }
    }
    Collections.shuffle(members, random);
    return space() + "{" + space() + String.join("," + space(), members) + space() + "}" + space();
  }

  private String member(String name, String value) {
    return "\"" + name + "\"" + space() + ":" + space() + value;
  }

  private String output(int depth, int length) {
    List<String> members = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      urls.add(escaped("https://cdn.example/" + random.nextInt(1000) + "/é.png?sig=" + random.nextInt()));
    }
    members.add(member("urls", "[" + space() + String.join("," + space(), urls) + space() + "]"));
    if (random.nextBoolean()) {
      members.add(member("x_meta", value(depth, length)));
    }
    Collections.shuffle(members, random);
    return "{" + space() + String.join("," + space(), members) + space() + "}";
  }

  private String error(int length) {
    switch (random.nextInt(3)) {
      case 0:
        return "null";
      case 1:
        return string(length);
      default:
        return "{" + member("message", string(length)) + "," + space() + member("code", random.nextBoolean() ? string(8) : "42")
            + (random.nextBoolean() ? "," + member("x", value(2, 10)) : "") + "}";
    }
  }

  private String timestamp() {
    switch (random.nextInt(4)) {
      case 0:
        return "\"2026-01-0" + (1 + random.nextInt(9)) + "T00:00:00Z\"";
      case 1:
        return Long.toString(1_735_787_045L + random.nextInt(1000));
      case 2:
        return number();
      default:
        return value(2, 10);
    }
  }

  private String value(int depth, int length) {
    if (depth == 0 || random.nextInt(3) == 0) {
      switch (random.nextInt(6)) {
        case 0:
          return "null";
        case 1:
          return random.nextBoolean() ? "true" : "false";
        case 2:
        case 3:
          return number();
        default:
          return string(length);
      }
    }
    List<String> items = new ArrayList<>();
    boolean object = random.nextBoolean();
    for (int n = random.nextInt(5); n > 0; n--) {
      String item = value(depth - 1, length);
      items.add(object ? member(random.nextInt(10) == 0 ? escapedName("id") : "k" + n, item) : item);
    }
    String joined = String.join("," + space(), items);
    return object ? "{" + space() + joined + space() + "}" : "[" + space() + joined + space() + "]";
  }

  /** Objects and arrays nested {@code depth} deep, with a member or element at each level. */
  private String nested(int depth) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (random.nextBoolean()) {
        open.append("{\"n").append(i).append("\":");
        close.insert(0, random.nextBoolean() ? "}" : ",\"z\":[]}");
      } else {
        open.append('[');
        close.insert(0, random.nextBoolean() ? "]" : ",null]");
      }
    }
    return open + string(5) + close;
  }

  private String number() {
    StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
    number.append(random.nextInt(4) == 0 ? "0" : Integer.toString(1 + random.nextInt(1_000_000)));
    if (random.nextBoolean()) {
      number.append('.').append(random.nextInt(1000));
    }
    if (random.nextInt(3) == 0) {
      number.append(random.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[random.nextInt(3)]).append(random.nextInt(400));
    }
    return number.toString();
  }

  private String dataUri(int bytes) {
    byte[] image = new byte[bytes];
    random.nextBytes(image);
    return "\"data:image/png;base64," + Base64.getEncoder().encodeToString(image) + "\"";
  }

  /** A random string as a JSON literal, escapes of every kind included. */
  private String string(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int at = random.nextInt(STRING_CHARS.length());
      char c = STRING_CHARS.charAt(at);
      if (Character.isHighSurrogate(c)) {
        text.append(c).append(STRING_CHARS.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        text.append(c);
      }
    }
    return escaped(text.toString());
  }

  private String escaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int pick = random.nextInt(10);
      if (c == '"' || c == '\\') {
        out.append(pick == 0 ? String.format("\\u%04x", (int) c) : "\\" + c);
      } else if (c == '/' && pick < 3) {
        out.append("\\/");
      } else if (pick == 0 || c < 0x20) {
        out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** The name, sometimes with a character or two written as escapes. */
  private String escapedName(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      out.append(random.nextInt(8) == 0 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  private String space() {
    return random.nextInt(4) == 0 ? SPACES[random.nextInt(SPACES.length)] : "";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
