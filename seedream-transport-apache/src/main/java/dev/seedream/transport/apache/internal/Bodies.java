package dev.seedream.transport.apache.internal;

import dev.seedream.MalformedResponseException;
import dev.seedream.spi.BodySink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Reads answer bodies: bounded into memory, cut to a bound (error answers), or streamed to a sink.
 * Reading to the end of the body returns the connection to the pool clean; on any failure, and for
 * a body that was cut, the caller discards the connection instead (see {@link Attempt#discard()}).
 */
public final class Bodies {
  /** The size of the chunks handed to a sink. */
  public static final int CHUNK_BYTES = 64 * 1024;

  private static final byte[] NO_BODY = new byte[0];

  private Bodies() {}

  /**
   * The body, read to its end.
   *
   * @throws MalformedResponseException if it is longer than {@code maxBytes}; the rest is not read
   */
  public static byte[] readBounded(ClassicHttpResponse response, long maxBytes, String what) throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return NO_BODY;
    }
    long declared = entity.getContentLength();
    if (declared > maxBytes) {
      throw tooLarge(what, maxBytes, "it declares " + declared + " bytes");
    }
    InputStream in = entity.getContent();
    if (in == null) {
      return NO_BODY;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared >= 0 ? (int) Math.min(declared, 1 << 20) : 8192);
    byte[] buffer = new byte[(int) Math.min(8192, maxBytes + 1)];
    long total = 0;
    for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
      total += read;
      if (total > maxBytes) {
        throw tooLarge(what, maxBytes, "more came");
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  /**
   * At most the first {@code maxBytes} bytes of the body, for an error answer: whether more came is
   * told by {@link Prefix#complete()}, and then the rest is not read (the caller discards the
   * connection).
   */
  public static Prefix readPrefix(ClassicHttpResponse response, long maxBytes) throws IOException {
    HttpEntity entity = response.getEntity();
    InputStream in = entity == null ? null : entity.getContent();
    if (in == null) {
      return new Prefix(NO_BODY, true);
    }
    int max = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
    long declared = entity.getContentLength();
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared >= 0 ? (int) Math.min(declared, max) : Math.min(max, 8192));
    byte[] buffer = new byte[Math.min(8192, max)];
    int total = 0;
    while (total < max) {
      int read = in.read(buffer, 0, Math.min(buffer.length, max - total));
      if (read == -1) {
        return new Prefix(out.toByteArray(), true);
      }
      out.write(buffer, 0, read);
      total += read;
    }
    boolean complete = (declared >= 0 && declared <= max) || in.read() == -1;
    return new Prefix(out.toByteArray(), complete);
  }

  /**
   * The first bytes of a body.
   *
   * @param bytes the bytes read
   * @param complete whether they are the whole body; if not, the connection must be discarded
   */
  public record Prefix(byte[] bytes, boolean complete) {}

  /**
   * Streams the body to {@code sink} in chunks of at most {@value #CHUNK_BYTES} bytes.
   *
   * @throws SinkFailure if the sink threw an {@link IOException}
   */
  public static void stream(ClassicHttpResponse response, BodySink sink) throws IOException {
    HttpEntity entity = response.getEntity();
    InputStream in = entity == null ? null : entity.getContent();
    if (in == null) {
      return;
    }
    // a small answer (a run is a few hundred bytes) needs no 64 KiB buffer zeroed for it
    long declared = entity.getContentLength();
    byte[] buffer = new byte[declared >= 0 ? (int) Math.max(1, Math.min(CHUNK_BYTES, declared)) : CHUNK_BYTES];
    for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
      if (read > 0) {
        try {
          sink.write(ByteBuffer.wrap(buffer, 0, read));
        } catch (IOException e) {
          throw new SinkFailure(e);
        }
      }
    }
  }

  /** Every header of the answer, by name, values in order. */
  public static Map<String, List<String>> headers(ClassicHttpResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header header : response.getHeaders()) {
      headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
    }
    return headers;
  }

  private static MalformedResponseException tooLarge(String what, long maxBytes, String detail) {
    return new MalformedResponseException(
        "the answer to "
            + what
            + " has a body larger than "
            + maxBytes
            + " bytes, the most read into memory ("
            + detail
            + "); the connection was closed. Raise maxResponseBytes if such answers are expected");
  }

  /** A sink failed to take a chunk; not a network failure. */
  public static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }
}
