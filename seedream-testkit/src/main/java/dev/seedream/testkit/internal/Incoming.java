package dev.seedream.testkit.internal;

/** What the fake reads of a request, whatever server carried it. */
record Incoming(String method, String path, String authorization, String body, String clientIp) {

  /** The bearer token, or null if there is no {@code Authorization: Bearer <token>} header. */
  String bearerToken() {
    return bearerToken(authorization);
  }

  /** The path of a request URL, without its query. */
  static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** The token of an {@code Authorization: Bearer <token>} header value, or null. */
  static String bearerToken(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = value.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
