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

  /**
   * A sink for the body of one 2xx answer that holds a run, whose {@link RunBody#kept()} is then
   * handed to {@link #readRun}. The engine streams every API answer through one, so that a codec
   * may keep only the fields of a run and skip the rest (an echoed {@code input} with {@code data:}
   * images can be far larger than the run itself) without holding it.
   *
   * <p>The default keeps the whole body, and throws {@link dev.seedream.MalformedResponseException}
   * once it is larger than {@code maxKeptBytes}, so that a codec written before this method still
   * works as it did.
   *
   * @param maxKeptBytes the most bytes to keep ({@code maxResponseBytes} of the client)
   * @since 0.1.0
   */
  default RunBody runBody(long maxKeptBytes) {
    return RunBody.whole(maxKeptBytes);
  }
}
