package dev.seedream.spi;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a blocking transport streams a downloaded body, chunk by chunk, in constant memory. */
@FunctionalInterface
public interface BodySink {
  /** Consumes the bytes between the buffer's position and limit before returning. */
  void write(ByteBuffer chunk) throws IOException;
}
