package dev.seedream.codec.gson.internal;

/**
 * Finds where one JSON value ends in bytes that arrive in chunks, cut anywhere, and checks its
 * syntax as Gson's strict reader does: strings and their escapes, numbers, {@code true}, {@code
 * false}, {@code null}, and objects and arrays nested up to a depth. It holds no byte of the value,
 * only its state, so a value of any size costs the same memory.
 *
 * <p>UTF-8 needs no decoding here: no byte of a multi-byte character is below 0x80, so quotes and
 * backslashes are found byte by byte. Not thread-safe.
 */
final class ValueScanner {
  private static final int VALUE = 0;
  private static final int STRING = 1;
  private static final int ESCAPE = 2;
  private static final int HEX = 3;
  private static final int LITERAL = 4;
  private static final int MINUS = 5;
  private static final int ZERO = 6;
  private static final int INTEGER = 7;
  private static final int DOT = 8;
  private static final int FRACTION = 9;
  private static final int EXPONENT_MARK = 10;
  private static final int EXPONENT_SIGN = 11;
  private static final int EXPONENT = 12;
  private static final int FIRST_IN_OBJECT = 13;
  private static final int NAME = 14;
  private static final int COLON = 15;
  private static final int NEXT_IN_OBJECT = 16;
  private static final int FIRST_IN_ARRAY = 17;
  private static final int NEXT_IN_ARRAY = 18;
  private static final int DONE = 19;
  private static final int FAILED = 20;

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final boolean[] isObject;
  private int depth;
  private int state = DONE;
  private boolean stringIsName;
  private int hexLeft;
  private byte[] literal;
  private int literalAt;
  private String error;

  /** @param maxDepth the most objects and arrays open at once inside the value */
  ValueScanner(int maxDepth) {
    this.isObject = new boolean[maxDepth];
  }

  /** Starts a new value: the next bytes scanned are its first (whitespace before it is allowed). */
  void begin() {
    depth = 0;
    state = VALUE;
    error = null;
  }

  /** Whether the value has ended. */
  boolean done() {
    return state == DONE;
  }

  /** What was wrong, once a byte broke the syntax; {@code null} until then. */
  String error() {
    return error;
  }

  /**
   * Scans {@code bytes[from..to)}. Returns the index just past the value's last byte once the value
   * ends ({@link #done()}; a number ends at the byte after it, which is not consumed), the index of
   * the byte that broke the syntax ({@link #error()}), or {@code to} when the value goes on.
   */
  int scan(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      switch (state) {
        case STRING:
          while (b != '"' && b != '\\') {
            if (++i == to) {
              return to;
            }
            b = bytes[i];
          }
          i++;
          if (b == '\\') {
            state = ESCAPE;
          } else if (stringIsName) {
            state = COLON;
          } else if (endValue()) {
            return i;
          }
          break;
        case ESCAPE:
          if (b == 'u') {
            state = HEX;
            hexLeft = 4;
          } else if (b == '"' || b == '\\' || b == '/' || b == 'b' || b == 'f' || b == 'n' || b == 'r' || b == 't') {
            state = STRING;
          } else {
            return fail(i, "an invalid escape sequence in a string");
          }
          i++;
          break;
        case HEX:
          if (!isHex(b)) {
            return fail(i, "a malformed \\u escape in a string");
          }
          if (--hexLeft == 0) {
            state = STRING;
          }
          i++;
          break;
        case VALUE:
        case FIRST_IN_ARRAY:
          if (isWhitespace(b)) {
            i++;
          } else if (b == ']' && state == FIRST_IN_ARRAY) {
            i++;
            if (endContainer()) {
              return i;
            }
          } else if (!startValue(b)) {
            return fail(i, error == null ? "expected a value" : error);
          } else {
            i++;
          }
          break;
        case LITERAL:
          if (b != literal[literalAt]) {
            return fail(i, "expected true, false or null");
          }
          i++;
          if (++literalAt == literal.length && endValue()) {
            return i;
          }
          break;
        case MINUS:
          if (!isDigit(b)) {
            return fail(i, "a malformed number");
          }
          state = b == '0' ? ZERO : INTEGER;
          i++;
          break;
        case ZERO:
        case INTEGER:
        case FRACTION:
          if (isDigit(b) && state != ZERO) {
            i++;
          } else if (b == '.' && state != FRACTION) {
            state = DOT;
            i++;
          } else if (b == 'e' || b == 'E') {
            state = EXPONENT_MARK;
            i++;
          } else if (endValue()) {
            return i; // the number ended before this byte, which belongs to what follows
          }
          break;
        case DOT:
          if (!isDigit(b)) {
            return fail(i, "a malformed number");
          }
          state = FRACTION;
          i++;
          break;
        case EXPONENT_MARK:
          if (b == '+' || b == '-') {
            state = EXPONENT_SIGN;
          } else if (isDigit(b)) {
            state = EXPONENT;
          } else {
            return fail(i, "a malformed number");
          }
          i++;
          break;
        case EXPONENT_SIGN:
          if (!isDigit(b)) {
            return fail(i, "a malformed number");
          }
          state = EXPONENT;
          i++;
          break;
        case EXPONENT:
          if (isDigit(b)) {
            i++;
          } else if (endValue()) {
            return i;
          }
          break;
        case FIRST_IN_OBJECT:
        case NAME:
          if (isWhitespace(b)) {
            i++;
          } else if (b == '"') {
            state = STRING;
            stringIsName = true;
            i++;
          } else if (b == '}' && state == FIRST_IN_OBJECT) {
            i++;
            if (endContainer()) {
              return i;
            }
          } else {
            return fail(i, "expected a member name in quotes");
          }
          break;
        case COLON:
          if (isWhitespace(b)) {
            i++;
          } else if (b == ':') {
            state = VALUE;
            i++;
          } else {
            return fail(i, "expected ':' after a member name");
          }
          break;
        case NEXT_IN_OBJECT:
        case NEXT_IN_ARRAY:
          if (isWhitespace(b)) {
            i++;
          } else if (b == ',') {
            state = state == NEXT_IN_OBJECT ? NAME : VALUE;
            i++;
          } else if (b == (state == NEXT_IN_OBJECT ? '}' : ']')) {
            i++;
            if (endContainer()) {
              return i;
            }
          } else {
            return fail(i, state == NEXT_IN_OBJECT ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
          }
          break;
        default:
          return i;
      }
    }
    return i;
  }

  private boolean startValue(byte b) {
    switch (b) {
      case '{':
        return push(true, FIRST_IN_OBJECT);
      case '[':
        return push(false, FIRST_IN_ARRAY);
      case '"':
        state = STRING;
        stringIsName = false;
        return true;
      case '-':
        state = MINUS;
        return true;
      case '0':
        state = ZERO;
        return true;
      case 't':
        return startLiteral(TRUE);
      case 'f':
        return startLiteral(FALSE);
      case 'n':
        return startLiteral(NULL);
      default:
        if (b >= '1' && b <= '9') {
          state = INTEGER;
          return true;
        }
        return false;
    }
  }

  private boolean startLiteral(byte[] word) {
    state = LITERAL;
    literal = word;
    literalAt = 1;
    return true;
  }

  private boolean push(boolean object, int next) {
    if (depth == isObject.length) {
      error = "objects and arrays nested deeper than " + JsonInput.NESTING_LIMIT;
      return false;
    }
    isObject[depth++] = object;
    state = next;
    return true;
  }

  /** Closes the innermost container; true if that ended the whole value. */
  private boolean endContainer() {
    depth--;
    return endValue();
  }

  /** A value inside the current container (or the value itself) ended; true if it was the whole value. */
  private boolean endValue() {
    if (depth == 0) {
      state = DONE;
      return true;
    }
    state = isObject[depth - 1] ? NEXT_IN_OBJECT : NEXT_IN_ARRAY;
    return false;
  }

  private int fail(int at, String what) {
    state = FAILED;
    error = what;
    return at;
  }

  /** JSON's whitespace, as Gson's strict reader knows it (not form feed). */
  static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }
}
