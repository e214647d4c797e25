package dev.seedream.spi;

import dev.seedream.Run;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON port: writes create bodies, reads runs and error bodies. Found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.seedream.spi.JsonCodec}); an
 * implementation needs a public no-argument constructor and must be thread-safe.
 */
public interface JsonCodec {
  /**
   * The body {@code {"model": model, "input": {...}}} as UTF-8 bytes. Values of {@code input} are
   * {@code String}, {@code Number}, {@code Boolean} or {@code List} of those, written in order.
   */
  byte[] writeCreateRequest(String model, Map<String, ?> input);

  /**
   * A run from an answer body, tolerantly: unknown fields are ignored, an unknown status is kept,
   * {@code error} may be an object or a string.
   *
   * @throws dev.seedream.MalformedResponseException naming what was wrong, for a body that is not
   *     a run; never any other exception
   */
  Run readRun(byte[] body);

  /**
   * The documented error body, or empty when the body is anything else (HTML, empty, truncated).
   * Never throws.
   */
  Optional<ApiErrorBody> readError(byte[] body);
}
