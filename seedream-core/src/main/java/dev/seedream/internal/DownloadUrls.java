package dev.seedream.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URLs a download may fetch, output URLs and redirect targets alike: {@code http} or {@code
 * https}, with a host, without user info. Anything else is refused before a request is sent.
 */
final class DownloadUrls {
  private DownloadUrls() {}

  /** What is wrong with the URL as a target of a download, or null if nothing. */
  static String problem(URI url) {
    if (url.getScheme() == null) {
      return "it is not absolute: only http:// and https:// URLs are fetched";
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "its scheme is '" + Texts.printable(url.getScheme()) + "': only http:// and https:// URLs are fetched";
    }
    if (url.isOpaque()) {
      return "it has no '//' after its scheme, so it names no host";
    }
    if (url.getRawUserInfo() != null) {
      return "it carries user info (user:password@): credentials are never sent in a URL";
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return "it names no host that can be read";
    }
    return null;
  }

  /**
   * The target of a redirect: the {@code Location} resolved against the URL that answered it.
   *
   * @throws URISyntaxException if the location is not a URI reference
   */
  static URI resolve(URI base, String location) throws URISyntaxException {
    URI reference = new URI(location.trim());
    String path = base.getRawPath();
    URI from = path == null || path.isEmpty() ? base.resolve("/") : base;
    return from.resolve(reference);
  }

  /**
   * A URL for a message: without user info, without query (shown as {@code ?...}: signed URLs keep
   * their tokens out of logs) and fragment, control characters escaped.
   */
  static String display(URI url) {
    return display(url.toString());
  }

  /** A URL, parsed or not, for a message, as {@link #display(URI)}. */
  static String display(String text) {
    String trimmed = text.trim();
    int cut = firstOf(trimmed, '?', '#');
    String shown = cut < 0 ? trimmed : trimmed.substring(0, cut) + (trimmed.charAt(cut) == '?' ? "?..." : "");
    int authority = shown.indexOf("//");
    if (authority >= 0) {
      int end = shown.indexOf('/', authority + 2);
      int at = shown.lastIndexOf('@', (end < 0 ? shown.length() : end) - 1);
      if (at >= authority + 2) {
        shown = shown.substring(0, authority + 2) + "..." + shown.substring(at);
      }
    }
    return Texts.printable(shown);
  }

  private static int firstOf(String text, char a, char b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
