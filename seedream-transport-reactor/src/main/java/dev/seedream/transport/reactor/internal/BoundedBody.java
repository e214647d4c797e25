package dev.seedream.transport.reactor.internal;

import dev.seedream.MalformedResponseException;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads an answer body into memory up to a bound: whole (past the bound, an error) or cut at the
 * bound (error answers). Each buffer is copied while it is delivered, so the transport never holds
 * a reference to one; past the bound the body is cancelled, which makes Reactor Netty close the
 * connection instead of returning it to the pool.
 */
public final class BoundedBody {
  private final long maxBytes;
  private byte[] bytes = new byte[256];
  private int length;

  private BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * At most the first {@code maxBytes} bytes of the body, for an error answer: once more arrive, the
   * rest is cancelled unread (the connection is closed, not reused) and what fits is the body.
   */
  public static Mono<byte[]> prefix(Flux<ByteBuf> body, long maxBytes) {
    return Mono.defer(() -> {
      BoundedBody target = new BoundedBody(maxBytes);
      return body.<Void>handle((buffer, sink) -> {
            if (!target.appendWhatFits(buffer)) {
              sink.complete();
            }
          })
          .then(Mono.fromCallable(target::toByteArray));
    });
  }

  /** The whole body, or {@link MalformedResponseException} once it exceeds {@code maxBytes}. */
  public static Mono<byte[]> read(Flux<ByteBuf> body, long maxBytes) {
    return Mono.defer(() -> {
      BoundedBody target = new BoundedBody(maxBytes);
      return body.<Void>handle((buffer, sink) -> {
            if (!target.append(buffer)) {
              sink.error(new MalformedResponseException("The answer body is larger than the bound of "
                  + maxBytes + " bytes; raise maxResponseBytes if such answers are expected"));
            }
          })
          .then(Mono.fromCallable(target::toByteArray));
    });
  }

  private boolean append(ByteBuf buffer) {
    int readable = buffer.readableBytes();
    if ((long) length + readable > maxBytes) {
      return false;
    }
    if (length + readable > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) length + readable);
      bytes = Arrays.copyOf(bytes, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
    buffer.getBytes(buffer.readerIndex(), bytes, length, readable);
    length += readable;
    return true;
  }

  /** Copies as much of the buffer as the bound leaves room for; false if some of it did not fit. */
  private boolean appendWhatFits(ByteBuf buffer) {
    int readable = buffer.readableBytes();
    int room = (int) Math.min(readable, maxBytes - length);
    if (room > 0) {
      ByteBuf part = buffer.slice(buffer.readerIndex(), room);
      append(part);
    }
    return room == readable;
  }

  private byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }
}
