package dev.seedream.testing;

import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.RunError;
import dev.seedream.RunId;
import dev.seedream.RunStatus;
import dev.seedream.spi.ApiErrorBody;
import dev.seedream.spi.JsonCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the JSON codec in core's tests (core cannot depend on the Gson module): bodies are
 * lines of {@code key=value}. The engine never looks inside bodies, so the format does not matter.
 */
public final class TextCodec implements JsonCodec {
  @Override
  public byte[] writeCreateRequest(String model, Map<String, ?> input) {
    StringBuilder out = new StringBuilder("model=").append(model);
    input.forEach((key, value) -> out.append('\n').append(key).append('=').append(value));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Run readRun(byte[] body) {
    Map<String, String> fields = parse(body);
    if (!fields.containsKey("id") || !fields.containsKey("status")) {
      throw new MalformedResponseException("not a run: " + fields.keySet());
    }
    Run.Builder run = Run.builder(RunId.of(fields.get("id")), RunStatus.of(fields.get("status")));
    if (fields.containsKey("urls")) {
      List<URI> urls = new ArrayList<>();
      for (String url : fields.get("urls").split(",")) {
        urls.add(URI.create(url));
      }
      run.outputUrls(urls);
    }
    if (fields.containsKey("error")) {
      run.error(RunError.of(fields.get("error"), fields.get("code")));
    }
    return run.build();
  }

  @Override
  public Optional<ApiErrorBody> readError(byte[] body) {
    Map<String, String> fields = parse(body);
    if (!fields.containsKey("code")) {
      return Optional.empty();
    }
    return Optional.of(new ApiErrorBody(fields.get("message"), fields.get("code")));
  }

  /** The body of a run. */
  public static String run(String id, String status, String... urls) {
    return "id=" + id + "\nstatus=" + status + (urls.length == 0 ? "" : "\nurls=" + String.join(",", urls));
  }

  /** The body of an error. */
  public static String error(String code, String message) {
    return "code=" + code + "\nmessage=" + message;
  }

  private static Map<String, String> parse(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return fields;
  }
}
