package dev.seedream.spi;

import dev.seedream.internal.WholeRunBody;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a transport streams the body of a 2xx API answer that holds a run: the codec reads it as it
 * arrives, keeps what {@link JsonCodec#readRun} needs, and may drop the rest (such as an echoed
 * {@code input} with {@code data:} images) without holding it. Made by {@link
 * JsonCodec#runBody(long)}, one per answer; used by one thread at a time, not thread-safe.
 *
 * <pre>{@code
 * RunBody body = codec.runBody(request.maxResponseBytes());
 * HttpResponse answer = transport.download(request, body);   // chunks go to body.write(..)
 * Run run = codec.readRun(body.kept());                        // after the last chunk
 * }</pre>
 *
 * @since 0.1.0
 */
public interface RunBody extends BodySink {
  /**
   * Consumes the bytes between the chunk's position and limit before returning; the chunk may be a
   * view of a transport's buffer, so nothing of it is kept after the call.
   *
   * @throws dev.seedream.MalformedResponseException when what is kept, or the whole body, goes past
   *     its bound, or when the bytes read so far cannot be a run; the transport stops reading then
   */
  @Override
  void write(ByteBuffer chunk) throws IOException;

  /**
   * The JSON to hand to {@link JsonCodec#readRun}, read after the last chunk: the whole body, or the
   * part of it that a run is made of. Never larger than the bound the body was made with.
   */
  byte[] kept();

  /**
   * A body that keeps every byte, up to {@code maxBytes}: the default of {@link
   * JsonCodec#runBody(long)}, for a codec that reads only whole bodies.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  static RunBody whole(long maxBytes) {
    return new WholeRunBody(maxBytes);
  }
}
