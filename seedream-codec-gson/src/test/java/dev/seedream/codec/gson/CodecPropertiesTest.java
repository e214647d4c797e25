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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class CodecPropertiesTest {
  private final GsonJsonCodec codec = new GsonJsonCodec();

  @Property(tries = 300)
  void readRunOfRandomBytesGivesARunOrAMalformedResponse(@ForAll @Size(max = 200) byte[] body) {
    assertReadRunFailsOnlyAsMalformed(body);
    assertThatCode(() -> codec.readError(body)).doesNotThrowAnyException();
  }

  @Property(tries = 500)
  void readRunOfJsonIshTextGivesARunOrAMalformedResponse(@ForAll("jsonIsh") String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    assertReadRunFailsOnlyAsMalformed(body);
    assertThatCode(() -> codec.readError(body)).doesNotThrowAnyException();
  }

  @Property(tries = 200)
  void readRunOfAValidRunWithRandomExtrasAlwaysReadsIt(@ForAll("jsonValue") String extra) {
    String json = "{\"x\":" + extra + ",\"id\":\"run_7\",\"status\":\"pending\",\"created_at\":" + extra + "}";

    assertThat(codec.readRun(json.getBytes(StandardCharsets.UTF_8)).id().value()).isEqualTo("run_7");
  }

  @Property(tries = 200)
  void aGenerationRequestSurvivesTheRoundTrip(@ForAll("requests") GenerationRequest request) {
    byte[] body = codec.writeCreateRequest(request.model(), request.toWire());

    JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
    assertThat(parsed.getAsJsonObject().get("model").getAsString()).isEqualTo(GenerationRequest.MODEL);
    assertThat(toMap(parsed.getAsJsonObject().get("input"))).isEqualTo(request.toWire());
    assertThat(new ArrayList<>(toMap(parsed.getAsJsonObject().get("input")).keySet()))
        .containsExactlyElementsOf(request.toWire().keySet());
  }

  private void assertReadRunFailsOnlyAsMalformed(byte[] body) {
    try {
      assertThat(codec.readRun(body)).isNotNull();
    } catch (MalformedResponseException expected) {
      assertThat(expected.getMessage()).startsWith("the answer is not a run");
    }
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

  @Provide
  Arbitrary<String> jsonIsh() {
    Arbitrary<String> token =
        Arbitraries.of(
            "{", "}", "[", "]", ",", ":", "\"id\"", "\"status\"", "\"output\"", "\"urls\"", "\"error\"", "\"message\"",
            "\"created_at\"", "\"pending\"", "\"succeeded\"", "\"https://a.example/x.png\"", "\"r1\"", "null", "true",
            "1", "-0.5e3", "1735787045123", "\"", "\\", "\\u12", "x", " ", "1e999999", "\"a/b\"", "\"\"");
    return token.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> jsonValue() {
    return Arbitraries.recursive(
        () -> Arbitraries.of("null", "true", "1", "\"s\"", "-2.5e-3", "\"2025-01-01T00:00:00Z\"", "1e400"),
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]"),
                inner.list().ofMaxSize(3).map(items -> {
                  StringBuilder object = new StringBuilder("{");
                  for (int i = 0; i < items.size(); i++) {
                    object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(items.get(i));
                  }
                  return object.append('}').toString();
                })),
        0,
        5);
  }

  @Provide
  Arbitrary<GenerationRequest> requests() {
    Arbitrary<String> prompts = Arbitraries.strings().ofMinLength(1).ofMaxLength(80).filter(p -> !p.isBlank());
    Arbitrary<AspectRatio> ratios = Arbitraries.of(AspectRatio.class).injectNull(0.3);
    Arbitrary<Quality> qualities = Arbitraries.of(Quality.class).injectNull(0.3);
    Arbitrary<List<String>> images =
        Arbitraries.integers().between(0, 999).map(i -> "https://img.example/" + i + ".png?a=1&b=%3C2%3E").list().ofMaxSize(14);
    return Combinators.combine(prompts, ratios, qualities, images)
        .as((prompt, ratio, quality, urls) ->
            GenerationRequest.builder().prompt(prompt).aspectRatio(ratio).quality(quality).imageUrls(urls).build());
  }
}
