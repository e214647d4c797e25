package dev.seedream.codec.gson;

import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.codec.gson.internal.RunSkimmer;
import dev.seedream.spi.RunBody;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/** Feeds bodies to the codec's skimmer in chunks of every kind, for the tests. */
final class Skim {
  static final GsonJsonCodec CODEC = new GsonJsonCodec();
  static final long DEFAULT_KEPT = 1024 * 1024;

  private Skim() {}

  /** What the skimmer keeps of a body fed as one chunk. */
  static byte[] whole(byte[] body) {
    return at(body, DEFAULT_KEPT);
  }

  /** What the skimmer keeps of a body fed as one chunk, keeping at most {@code maxKept}. */
  static byte[] at(byte[] body, long maxKept) {
    RunBody skimmer = CODEC.runBody(maxKept);
    write(skimmer, ByteBuffer.wrap(body));
    return skimmer.kept();
  }

  /** What the skimmer keeps of a body fed one byte at a time. */
  static byte[] byteByByte(byte[] body) {
    RunBody skimmer = CODEC.runBody(DEFAULT_KEPT);
    for (int i = 0; i < body.length; i++) {
      write(skimmer, ByteBuffer.wrap(body, i, 1));
    }
    return skimmer.kept();
  }

  /** What the skimmer keeps of a body cut in two at {@code cut}. */
  static byte[] split(byte[] body, int cut) {
    RunBody skimmer = CODEC.runBody(DEFAULT_KEPT);
    write(skimmer, ByteBuffer.wrap(body, 0, cut));
    write(skimmer, ByteBuffer.wrap(body, cut, body.length - cut));
    return skimmer.kept();
  }

  /**
   * What the skimmer keeps of a body cut at random places, each chunk in a direct buffer (as
   * Netty's) or a heap buffer that is a slice of a larger array (as Apache's), chosen at random.
   */
  static byte[] randomChunks(byte[] body, Random random) {
    return randomChunks(new RunSkimmer(DEFAULT_KEPT, RunSkimmer.MAX_BODY_BYTES), body, random);
  }

  static byte[] randomChunks(RunBody skimmer, byte[] body, Random random) {
    int at = 0;
    while (at < body.length) {
      int n = Math.min(body.length - at, random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 1 + random.nextInt(70_000));
      ByteBuffer chunk;
      if (random.nextBoolean()) {
        chunk = ByteBuffer.allocateDirect(n);
        chunk.put(body, at, n).flip();
      } else {
        int pad = random.nextInt(5);
        byte[] bigger = new byte[n + 2 * pad];
        System.arraycopy(body, at, bigger, pad, n);
        chunk = ByteBuffer.wrap(bigger, pad, n).slice();
      }
      write(skimmer, chunk);
      if (chunk.hasRemaining()) {
        throw new AssertionError("the skimmer left " + chunk.remaining() + " bytes of a chunk unread");
      }
      at += n;
    }
    return skimmer.kept();
  }

  private static void write(RunBody skimmer, ByteBuffer chunk) {
    try {
      skimmer.write(chunk);
    } catch (java.io.IOException e) {
      throw new AssertionError("the skimmer threw an IOException", e);
    }
  }

  /** A run or the {@link MalformedResponseException} that reading gave, comparable. */
  static final class Outcome {
    final Run run;
    final String failure;

    private Outcome(Run run, String failure) {
      this.run = run;
      this.failure = failure;
    }

    static Outcome of(Supplier<Run> read) {
      try {
        return new Outcome(Objects.requireNonNull(read.get()), null);
      } catch (MalformedResponseException e) {
        return new Outcome(null, e.getMessage());
      }
    }

    /** The run in the body, read directly. */
    static Outcome direct(byte[] body) {
      return of(() -> CODEC.readRun(body));
    }

    /** The run in what the skimmer keeps of the body fed in the given way. */
    static Outcome skimmed(Supplier<byte[]> kept) {
      return of(() -> CODEC.readRun(kept.get()));
    }

    boolean isRun() {
      return run != null;
    }

    /** The run, or the failure thrown again. */
    Run get() {
      if (failure != null) {
        throw new MalformedResponseException(failure);
      }
      return run;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Outcome
          && Objects.equals(run, ((Outcome) other).run)
          && Objects.equals(failure, ((Outcome) other).failure);
    }

    @Override
    public int hashCode() {
      return Objects.hash(run, failure);
    }

    @Override
    public String toString() {
      return run != null ? "run " + run : "failure: " + failure;
    }
  }
}
