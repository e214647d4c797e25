package dev.seedream.validation;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded generators of raw JSON values and of request parts, for the property tests. Seeded, so a
 * failure names the seed and the try, and reruns the same way.
 */
final class RandomInputs {
  static final List<String> FIELD_NAMES =
      List.of("prompt", "aspect_ratio", "quality", "image_urls", "model", "input", "resolution");
  private static final List<String> INTERESTING_STRINGS = List.of(
      "", " ", "\t\n", "a", "1:1", "16:9", "5:4", "basic", "high", "BASIC", "bytedance/seedream-4.5",
      "https://img.example.com/a.png", "http://", "ftp://x/y", "data:image/png;base64,QUJD",
      "data:image/png;base64,", "data:", "javascript:alert(1)", "\uD83D\uDE00", "\uD800", "%", "[]", "{}", "null");

  private final SplittableRandom random;

  RandomInputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Any JSON-like value: null, strings, numbers, booleans, lists and maps, nested up to {@code depth}. */
  Object anyValue(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return pick(INTERESTING_STRINGS);
      case 2:
        return anyString(random.nextInt(40));
      case 3:
        return random.nextInt();
      case 4:
        return pick(List.of(random.nextDouble(), Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Long.MIN_VALUE, 3000L));
      case 5:
        return random.nextBoolean();
      case 6:
        return chance(3) ? anyString(3000 + random.nextInt(3)) : pick(FIELD_NAMES);
      case 7:
        List<Object> list = new ArrayList<>();
        int size = chance(10) ? 13 + random.nextInt(4) : random.nextInt(4);
        for (int i = 0; i < size; i++) {
          list.add(anyValue(depth - 1));
        }
        return list;
      default:
        return anyMap(depth - 1);
    }
  }

  /**
   * A map with keys that are mostly the real field names, sometimes random strings, and rarely
   * keys no JSON parser gives (null, a number).
   */
  Map<Object, Object> anyMap(int depth) {
    Map<Object, Object> map = chance(50) ? new LinkedHashMap<>() : new HashMap<>();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      Object key;
      int k = random.nextInt(100);
      if (k < 60) {
        key = pick(FIELD_NAMES);
      } else if (k < 95) {
        key = anyString(random.nextInt(12));
      } else if (k < 98) {
        key = null;
      } else {
        key = random.nextInt(10);
      }
      map.put(key, anyValue(depth));
    }
    return map;
  }

  /** Random text from several Unicode ranges, including whitespace, emoji and lone surrogates. */
  String anyString(int codePoints) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int range = random.nextInt(10);
      if (range < 4) {
        out.appendCodePoint(0x20 + random.nextInt(0x5f));
      } else if (range < 5) {
        out.append(pick(List.of(' ', '\t', '\n', '\u00a0', '\u2003', '\u0000')));
      } else if (range < 7) {
        out.appendCodePoint(0xa0 + random.nextInt(0x2000));
      } else if (range < 8) {
        out.appendCodePoint(0x4e00 + random.nextInt(0x5000));
      } else if (range < 9) {
        out.appendCodePoint(0x1f300 + random.nextInt(0x300));
      } else {
        out.append((char) (0xd800 + random.nextInt(0x800)));
      }
    }
    return out.toString();
  }

  /** A prompt the rules accept: 1 to 3000 code points, not blank, no lone surrogates. */
  String validPrompt() {
    int length = chance(5) ? GenerationRequest.MAX_PROMPT_LENGTH : 1 + random.nextInt(chance(20) ? 3000 : 80);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int range = random.nextInt(10);
      if (range < 5) {
        out.appendCodePoint(0x20 + random.nextInt(0x5f));
      } else if (range < 6) {
        out.append(' ');
      } else if (range < 8) {
        out.appendCodePoint(0x4e00 + random.nextInt(0x5000));
      } else {
        out.appendCodePoint(0x1f300 + random.nextInt(0x300));
      }
    }
    if (out.toString().isBlank()) {
      out.setCharAt(out.length() - 1, 'x');
    }
    return out.toString();
  }

  AspectRatio ratioOrNull() {
    return chance(20) ? null : pick(List.of(AspectRatio.values()));
  }

  Quality qualityOrNull() {
    return chance(30) ? null : pick(List.of(Quality.values()));
  }

  /** An absolute http(s) URL or a small data:image URI. */
  String validImageUrl() {
    switch (random.nextInt(4)) {
      case 0:
        return "https://cdn" + random.nextInt(100) + ".example.com/img/" + Integer.toHexString(random.nextInt()) + ".png";
      case 1:
        return "http://127.0.0.1:" + (1024 + random.nextInt(60000)) + "/a/b.jpg?w=" + random.nextInt(5000);
      case 2:
        return "https://img.example.org/path%20with%20escapes/" + random.nextInt(1000) + "?q=a&b=c#frag";
      default:
        String[] paddings = {"", "=", "=="};
        String payload = "QUJD".repeat(1 + random.nextInt(20));
        String padding = paddings[random.nextInt(3)];
        return "data:image/" + pick(List.of("png", "jpeg", "webp", "svg+xml")) + ";base64,"
            + (padding.isEmpty() ? payload : payload.substring(0, payload.length() - padding.length()) + padding);
    }
  }

  List<String> validImageUrls(int max) {
    List<String> urls = new ArrayList<>();
    int count = random.nextInt(max + 1);
    for (int i = 0; i < count; i++) {
      urls.add(validImageUrl());
    }
    return urls;
  }

  /** A string for a builder's image list: valid most of the time, sometimes not. */
  String maybeValidImageUrl() {
    return chance(85) ? validImageUrl() : pick(INTERESTING_STRINGS);
  }

  /** Any prompt a caller might pass to the builder: valid, or one of the invalid shapes. */
  String anyPrompt() {
    switch (random.nextInt(6)) {
      case 0:
        return pick(INTERESTING_STRINGS);
      case 1:
        return anyString(random.nextInt(50));
      case 2:
        return "a".repeat(2999 + random.nextInt(3));
      default:
        return validPrompt();
    }
  }

  static String describe(Object value) {
    String text = String.valueOf(value);
    return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
  }
}
