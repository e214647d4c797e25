package dev.seedream.testkit;

/** Broken connections the fake can answer with instead of an HTTP response (WireMock's faults). */
public enum NetworkFault {
  /** The connection is reset (TCP RST) before any response. */
  CONNECTION_RESET_BY_PEER,
  /** The connection is closed without any response. */
  EMPTY_RESPONSE,
  /** A 200 status line, then a broken chunked body. */
  MALFORMED_RESPONSE_CHUNK,
  /** Garbage bytes, then the connection is closed. */
  RANDOM_DATA_THEN_CLOSE
}
