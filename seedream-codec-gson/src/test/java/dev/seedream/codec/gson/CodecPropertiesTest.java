package dev.seedream.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.MalformedResponseException;
import dev.seedream.Quality;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the codec over seeded random input (plain JUnit: jqwik 1.10 asks not to be used by
 * AI coding agents). The seed and the try are in every failure message.
 */
class CodecPropertiesTest {
  private static final long SEED = 0xC0DEC_2026L;
  private static final String[] TOKENS = {
    "{", "}", "[", "]", ",", ":", "\"id\"", "\"status\"", "\"output\"", "\"urls\"", "\"error\"", "\"message\"",
    "\"created_at\"", "\"pending\"", "\"succeeded\"", "\"https://a.example/x.png\"", "\"r1\"", "null", "true",
    "1", "-0.5e3", "1735787045123", "\"", "\\", "\\u12", "x", " ", "1e999999", "\"a/b\"", "\"\""
  };
  private static final String[] SCALARS = {"null", "true", "1", "\"s\"", "-2.5e-3", "\"2025-01-01T00:00:00Z\"", "1e400"};

  private final GsonJsonCodec codec = new GsonJsonCodec();
  private final Random random = new Random(SEED);

  @Test
  void readRunOfRandomBytesGivesARunOrAMalformedResponse() {
    for (int i = 0; i < 300; i++) {
      byte[] body = new byte[random.nextInt(201)];
      random.nextBytes(body);
      assertReadRunFailsOnlyAsMalformed(body, i);
      assertThatCode(() -> codec.readError(body)).as("try %d", i).doesNotThrowAnyException();
    }
  }

  @Test
  void readRunOfJsonIshTextGivesARunOrAMalformedResponse() {
    for (int i = 0; i < 500; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(41); n > 0; n--) {
        text.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
      byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
      assertReadRunFailsOnlyAsMalformed(body, i);
      assertThatCode(() -> codec.readError(body)).as("try %d: %s", i, text).doesNotThrowAnyException();
    }
  }

  @Test
  void readRunOfAValidRunWithRandomExtrasAlwaysReadsIt() {
    for (int i = 0; i < 200; i++) {
      String extra = jsonValue(5);
      String json = "{\"x\":" + extra + ",\"id\":\"run_7\",\"status\":\"pending\",\"created_at\":" + extra + "}";
      assertThat(codec.readRun(json.getBytes(StandardCharsets.UTF_8)).id().value()).as("try %d: %s", i, json).isEqualTo("run_7");
    }
  }

  @Test
  void aGenerationRequestSurvivesTheRoundTrip() {
    for (int i = 0; i < 200; i++) {
      GenerationRequest request = request();
      byte[] body = codec.writeCreateRequest(request.model(), request.toWire());

      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      assertThat(parsed.getAsJsonObject().get("model").getAsString()).isEqualTo(GenerationRequest.MODEL);
      assertThat(toMap(parsed.getAsJsonObject().get("input"))).as("try %d", i).isEqualTo(request.toWire());
      assertThat(new ArrayList<>(toMap(parsed.getAsJsonObject().get("input")).keySet()))
          .containsExactlyElementsOf(request.toWire().keySet());
    }
  }

  private void assertReadRunFailsOnlyAsMalformed(byte[] body, int attempt) {
    try {
      assertThat(codec.readRun(body)).isNotNull();
    } catch (MalformedResponseException expected) {
      assertThat(expected.getMessage()).as("try %d", attempt).startsWith("the answer is not a run");
    }
  }

  private String jsonValue(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return SCALARS[random.nextInt(SCALARS.length)];
    }
    int size = random.nextInt(4);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(jsonValue(depth - 1));
    }
    if (random.nextBoolean()) {
      return "[" + String.join(",", items) + "]";
    }
    StringBuilder object = new StringBuilder("{");
    for (int i = 0; i < items.size(); i++) {
      object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(items.get(i));
    }
    return object.append('}').toString();
  }

  private GenerationRequest request() {
    String prompt;
    do {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(80); n > 0; n--) {
        text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0xD7FF)));
      }
      prompt = text.toString();
    } while (prompt.isBlank());
    List<String> urls = new ArrayList<>();
    for (int n = random.nextInt(15); n > 0; n--) {
      urls.add("https://img.example/" + random.nextInt(1000) + ".png?a=1&b=%3C2%3E");
    }
    AspectRatio ratio = random.nextInt(10) < 3 ? null : AspectRatio.values()[random.nextInt(AspectRatio.values().length)];
    Quality quality = random.nextInt(10) < 3 ? null : Quality.values()[random.nextInt(Quality.values().length)];
    return GenerationRequest.builder().prompt(prompt).aspectRatio(ratio).quality(quality).imageUrls(urls).build();
  }

  private static Map<String, Object> toMap(JsonElement input) {
    Map<String, Object> map = new LinkedHashMap<>();
    input.getAsJsonObject().entrySet().forEach(e -> {
      if (e.getValue().isJsonArray()) {
        List<Object> list = new ArrayList<>();
        e.getValue().getAsJsonArray().forEach(x -> list.add(x.getAsString()));
        map.put(e.getKey(), list);
      } else {
        map.put(e.getKey(), e.getValue().getAsString());
      }
    });
    return map;
  }
}
