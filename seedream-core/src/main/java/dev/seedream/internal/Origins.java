package dev.seedream.internal;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/** Origin rules: the same origin (scheme, host, port) and loopback hosts. */
public final class Origins {
  private Origins() {}

  /** Whether two absolute URIs share scheme, host and port (default ports filled in). */
  public static boolean sameOrigin(URI a, URI b) {
    return scheme(a).equals(scheme(b)) && host(a).equals(host(b)) && port(a) == port(b);
  }

  /** Whether the host is a loopback name or address ({@code localhost}, 127.0.0.0/8, {@code ::1}). */
  public static boolean isLoopback(URI uri) {
    String host = host(uri);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!host.matches("[0-9.]+|[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  /** The URI without query and fragment, for messages: signed URLs keep their tokens out of logs. */
  public static String forDisplay(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return scheme(uri) + "://" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?...");
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private static String host(URI uri) {
    return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equals(scheme(uri)) ? 443 : "http".equals(scheme(uri)) ? 80 : -1;
  }
}
