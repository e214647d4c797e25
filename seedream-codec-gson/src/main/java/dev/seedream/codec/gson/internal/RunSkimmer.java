package dev.seedream.codec.gson.internal;

import dev.seedream.MalformedResponseException;
import dev.seedream.spi.RunBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a run answer as it streams in and keeps only the run: the top-level members of {@link
 * RunFields}, copied byte for byte, while the value of every other top-level member (the echoed
 * {@code input} with its {@code data:} images, {@code cost}, anything unknown) is scanned and
 * dropped without being held. {@link #kept()} is then a small JSON object for {@link RunReader}.
 *
 * <p>Chunks may be cut anywhere, inside a UTF-8 character or an escape included. Member names are
 * compared decoded ({@code "\u0069d"} is {@code id}). Bounds: at most {@code maxKeptBytes} are kept
 * (the client's {@code maxResponseBytes}), and at most {@link #MAX_BODY_BYTES} are read in all.
 *
 * <p>What is not a well-formed object reaches {@link RunReader} as it came, so that it reports it as
 * it would the whole body: a body that does not begin with an object (HTML, a number, garbage) is
 * kept whole (bounded), as is everything from a syntax error on that lies between members or in a
 * kept member; a body cut short is kept as far as it came. A syntax error inside a dropped member,
 * where the reader would no longer see it, is reported here, in the reader's words. Not
 * thread-safe: one per answer.
 */
public final class RunSkimmer implements RunBody {
  /**
   * The most bytes read of one answer, however much of it is dropped: 256 MiB, above the largest
   * answer Runbase can send (14 echoed images of 10 MB as base64 are about 196 MB).
   */
  public static final long MAX_BODY_BYTES = 256L * 1024 * 1024;

  private static final int PREAMBLE = 0;
  private static final int FIRST_MEMBER = 1;
  private static final int MEMBER_NAME = 2;
  private static final int AFTER_NAME = 3;
  private static final int BEFORE_VALUE = 4;
  private static final int MEMBER_VALUE = 5;
  private static final int AFTER_VALUE = 6;
  private static final int NEXT_MEMBER = 7;
  private static final int TRAILING = 8;
  private static final int VERBATIM = 9;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** Room for the longest kept name with every character escaped, and its quotes. */
  private static final int MAX_NAME_BYTES = 6 * RunFields.LONGEST + 2;
  private static final int SCRATCH_BYTES = 16 * 1024;

  private final long maxKeptBytes;
  private final long maxBodyBytes;
  private final ValueScanner scanner = new ValueScanner(JsonInput.NESTING_LIMIT - 1);
  private final byte[] name = new byte[MAX_NAME_BYTES];
  private byte[] kept = new byte[512];
  private int keptLength;
  private byte[] scratch;
  private int state = PREAMBLE;
  /** Bytes fed before the current array segment, for positions in messages. */
  private long fed;
  private long read;
  private int nameLength;
  private boolean keeping;
  /** Whether no member was dropped since the last kept one (or since the object began). */
  private boolean lastKept = true;
  private int keptMembers;
  private int bomBytes;
  /** Whether whitespace came after the value of the last member. */
  private boolean spaced;

  /**
   * @param maxKeptBytes the most bytes kept
   * @param maxBodyBytes the most bytes read in all
   */
  public RunSkimmer(long maxKeptBytes, long maxBodyBytes) {
    if (maxKeptBytes <= 0 || maxBodyBytes <= 0) {
      throw new IllegalArgumentException(
          "maxKeptBytes and maxBodyBytes must be positive, but were " + maxKeptBytes + " and " + maxBodyBytes);
    }
    this.maxKeptBytes = Math.min(maxKeptBytes, Integer.MAX_VALUE - 8);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void write(ByteBuffer chunk) {
    int count = chunk.remaining();
    read += count;
    if (read > maxBodyBytes) {
      throw new MalformedResponseException(
          "the answer is larger than " + maxBodyBytes + " bytes, the most read of one answer however much of it"
              + " is skipped: a run answer is never that large, so the server sent something else");
    }
    if (chunk.hasArray()) {
      int start = chunk.arrayOffset() + chunk.position();
      feed(chunk.array(), start, start + count);
      chunk.position(chunk.limit());
      return;
    }
    int needed = Math.min(count, SCRATCH_BYTES);
    if (scratch == null || scratch.length < needed) {
      // a run answer is a few hundred bytes, often one chunk: no 16 KiB for it
      scratch = new byte[needed];
    }
    while (chunk.hasRemaining()) {
      int n = Math.min(chunk.remaining(), scratch.length);
      chunk.get(scratch, 0, n);
      feed(scratch, 0, n);
    }
  }

  @Override
  public byte[] kept() {
    return Arrays.copyOf(kept, keptLength);
  }

  private void feed(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      switch (state) {
        case VERBATIM:
          keep(bytes, i, to);
          i = to;
          break;
        case PREAMBLE:
          if (ValueScanner.isWhitespace(b) || isBom(b, position(i, from))) {
            keep(bytes, i, i + 1);
            i++;
          } else if (b == '{') {
            keep(bytes, i, i + 1);
            state = FIRST_MEMBER;
            i++;
          } else {
            state = VERBATIM; // not an object: the reader says what it is
          }
          break;
        case FIRST_MEMBER:
        case NEXT_MEMBER:
          if (ValueScanner.isWhitespace(b)) {
            i++;
          } else if (b == '"') {
            nameLength = 0;
            scanner.begin();
            state = MEMBER_NAME;
          } else if (b == '}' && state == FIRST_MEMBER) {
            keep(bytes, i, i + 1);
            state = TRAILING;
            i++;
          } else {
            brokenBetweenMembers(i, from, lastKept, "expected a member name in quotes");
          }
          break;
        case MEMBER_NAME:
          int nameEnd = scanner.scan(bytes, i, to);
          collectName(bytes, i, nameEnd);
          if (scanner.error() != null) {
            throw malformed(scanner.error(), position(nameEnd, from));
          }
          i = nameEnd;
          if (scanner.done()) {
            startMember();
          }
          break;
        case AFTER_NAME:
          if (ValueScanner.isWhitespace(b)) {
            i++;
          } else if (b == ':') {
            if (keeping) {
              keep(bytes, i, i + 1);
            }
            state = BEFORE_VALUE;
            i++;
          } else {
            brokenBetweenMembers(i, from, keeping, "expected ':' after a member name");
          }
          break;
        case BEFORE_VALUE:
          if (ValueScanner.isWhitespace(b)) {
            i++;
          } else {
            scanner.begin();
            state = MEMBER_VALUE;
          }
          break;
        case MEMBER_VALUE:
          int valueEnd = scanner.scan(bytes, i, to);
          if (keeping) {
            keep(bytes, i, valueEnd);
          }
          i = valueEnd;
          if (scanner.error() != null) {
            if (!keeping) {
              throw malformed(scanner.error(), position(valueEnd, from));
            }
            state = VERBATIM; // the reader sees the kept member as far as it is well-formed, then the rest
          } else if (scanner.done()) {
            keptMembers += keeping ? 1 : 0;
            lastKept = keeping;
            spaced = false;
            state = AFTER_VALUE;
          }
          break;
        case AFTER_VALUE:
          if (ValueScanner.isWhitespace(b)) {
            spaced = true;
            i++;
          } else if (b == ',') {
            state = NEXT_MEMBER;
            i++;
          } else if (b == '}') {
            keep(bytes, i, i + 1);
            state = TRAILING;
            i++;
          } else {
            brokenBetweenMembers(i, from, lastKept, "expected ',' or '}' after a member");
          }
          break;
        case TRAILING:
          if (ValueScanner.isWhitespace(b)) {
            i++;
          } else {
            state = VERBATIM; // more after the object: the reader says so
          }
          break;
        default:
          throw new IllegalStateException("state " + state);
      }
    }
    fed += to - from;
  }

  /** The name has been read: keep the member if it is one of the run's, and say so. */
  private void startMember() {
    keeping = nameLength > 0 && RunFields.ALL.contains(decodeName());
    if (keeping) {
      if (keptMembers > 0) {
        keepByte((byte) ',');
      }
      keep(name, 0, nameLength);
    }
    state = AFTER_NAME;
  }

  /**
   * A syntax error between members, or after the name of one: when the reader would see it in
   * what is kept (the member next to it is kept), everything from here on is kept for the reader to
   * report; when a dropped member would hide it, it is reported here.
   */
  private void brokenBetweenMembers(int at, int from, boolean nextToKept, String what) {
    if (!nextToKept) {
      throw malformed(what, position(at, from));
    }
    if (state == NEXT_MEMBER) {
      keepByte((byte) ','); // the comma the reader would have seen
    } else if (state == AFTER_VALUE && spaced) {
      keepByte((byte) ' '); // so that "1 2" does not become "12"
    }
    state = VERBATIM;
  }

  private void collectName(byte[] bytes, int from, int to) {
    if (nameLength < 0) {
      return;
    }
    int count = to - from;
    if (nameLength + count > name.length) {
      nameLength = -1; // longer than any name kept
      return;
    }
    System.arraycopy(bytes, from, name, nameLength, count);
    nameLength += count;
  }

  /** The name between its quotes with its escapes decoded; {@code null} if it holds a non-ASCII byte. */
  private String decodeName() {
    StringBuilder decoded = new StringBuilder(nameLength);
    for (int i = 1; i < nameLength - 1; i++) {
      byte b = name[i];
      if (b < 0) {
        return null;
      }
      if (b != '\\') {
        decoded.append((char) b);
        continue;
      }
      byte escaped = name[++i];
      switch (escaped) {
        case 'u':
          decoded.append((char) Integer.parseInt(new String(name, i + 1, 4, StandardCharsets.US_ASCII), 16));
          i += 4;
          break;
        case 'b':
          decoded.append('\b');
          break;
        case 'f':
          decoded.append('\f');
          break;
        case 'n':
          decoded.append('\n');
          break;
        case 'r':
          decoded.append('\r');
          break;
        case 't':
          decoded.append('\t');
          break;
        default:
          decoded.append((char) escaped); // \" \\ \/
      }
    }
    return decoded.toString();
  }

  /** Whether this byte continues a byte order mark at the very start, which Gson's reader skips. */
  private boolean isBom(byte b, long position) {
    if (position == bomBytes && position < BOM.length && b == BOM[(int) position]) {
      bomBytes++;
      return true;
    }
    return false;
  }

  private long position(int index, int from) {
    return fed + (index - from);
  }

  private void keepByte(byte b) {
    ensureRoom(1);
    kept[keptLength++] = b;
  }

  private void keep(byte[] bytes, int from, int to) {
    int count = to - from;
    if (count == 0) {
      return;
    }
    ensureRoom(count);
    System.arraycopy(bytes, from, kept, keptLength, count);
    keptLength += count;
  }

  private void ensureRoom(int count) {
    long needed = (long) keptLength + count;
    if (needed > maxKeptBytes) {
      throw new MalformedResponseException(tooMuchKept());
    }
    if (needed > kept.length) {
      kept = Arrays.copyOf(kept, (int) Math.min(Math.max((long) kept.length * 2, needed), maxKeptBytes));
    }
  }

  private String tooMuchKept() {
    if (state == VERBATIM || state == PREAMBLE) {
      return RunReader.WHAT + ": the body is not a well-formed JSON object and is larger than " + maxKeptBytes
          + " bytes (maxResponseBytes), the most kept of an answer";
    }
    return "the run's own fields in the answer (" + String.join(", ", RunFields.ORDER) + ") are larger than "
        + maxKeptBytes + " bytes (maxResponseBytes), the most kept of an answer: raise maxResponseBytes on the"
        + " client builder if runs that large are expected";
  }

  private static MalformedResponseException malformed(String what, long position) {
    return new MalformedResponseException(RunReader.WHAT + ": the JSON is malformed: " + what + " at byte " + position);
  }
}
