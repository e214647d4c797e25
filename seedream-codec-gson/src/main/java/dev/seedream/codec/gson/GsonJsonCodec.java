package dev.seedream.codec.gson;

import dev.seedream.Run;
import dev.seedream.codec.gson.internal.CreateRequestWriter;
import dev.seedream.codec.gson.internal.ErrorBodyReader;
import dev.seedream.codec.gson.internal.RunReader;
import dev.seedream.codec.gson.internal.RunSkimmer;
import dev.seedream.spi.ApiErrorBody;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.RunBody;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link JsonCodec} of seedream-java, written on Gson's streaming API ({@code JsonReader} and
 * {@code JsonWriter}) without reflective binding, so it is exact about wire names and needs no
 * reflection configuration in a native image.
 *
 * <p>Clients find it with {@link java.util.ServiceLoader}; there is nothing to configure. It holds
 * no state and is safe to share between threads.
 *
 * <ul>
 *   <li>{@link #writeCreateRequest} writes {@code {"model": ..., "input": {...}}} in UTF-8, keys in
 *       the map's order, without HTML escaping; {@code null} values are left out.
 *   <li>{@link #readRun} is tolerant of what the documentation leaves open (unknown fields, unknown
 *       statuses, {@code error} as object or string, timestamps as ISO-8601 or epoch numbers) and
 *       strict about the rest: a body that is not a run throws {@link
 *       dev.seedream.MalformedResponseException} naming what was wrong, and nothing else.
 *   <li>{@link #readError} never throws.
 *   <li>{@link #runBody} skims an answer as it streams: it keeps the run's own fields and drops the
 *       rest, such as an echoed {@code input} with {@code data:} images, without holding it.
 * </ul>
 */
public final class GsonJsonCodec implements JsonCodec {
  /** A codec; it holds no state. */
  public GsonJsonCodec() {}

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException naming the key, for a value that is not a {@code String},
   *     {@code Number}, {@code Boolean} or {@code List} of those, or a number JSON cannot hold
   */
  @Override
  public byte[] writeCreateRequest(String model, Map<String, ?> input) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(input, "input");
    return CreateRequestWriter.write(model, input);
  }

  @Override
  public Run readRun(byte[] body) {
    Objects.requireNonNull(body, "body");
    return RunReader.read(body);
  }

  @Override
  public Optional<ApiErrorBody> readError(byte[] body) {
    return body == null ? Optional.empty() : ErrorBodyReader.read(body);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This codec's body keeps only the top-level members a run is read from ({@code id}, {@code
   * status}, {@code output}, {@code error}, {@code model} and the timestamps) and drops every other
   * as it streams by, so that an echoed {@code input} with {@code data:} images is never held:
   * {@code maxKeptBytes} bounds what is kept, and no answer is read past {@value
   * RunSkimmer#MAX_BODY_BYTES} bytes. A body that is not a JSON object is kept as it came (bounded),
   * so that {@link #readRun} reports it as it would the whole body.
   *
   * @throws IllegalArgumentException if {@code maxKeptBytes} is not positive
   */
  @Override
  public RunBody runBody(long maxKeptBytes) {
    if (maxKeptBytes <= 0) {
      throw new IllegalArgumentException("maxKeptBytes must be positive, but was " + maxKeptBytes);
    }
    return new RunSkimmer(maxKeptBytes, RunSkimmer.MAX_BODY_BYTES);
  }

  @Override
  public String toString() {
    return "GsonJsonCodec";
  }
}
