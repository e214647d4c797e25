package dev.seedream.testkit.internal;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests that no endpoint of a fake matched, as method and URL, kept in place of WireMock's
 * request journal: that journal holds every request and answer body it served (an echoed input of
 * 14 {@code data:} images is 13 MB an answer), so the fake turns it off and keeps only this, bounded.
 */
final class UnmatchedRequests implements ServeEventListener {
  static final String NAME = "seedream-fake-unmatched";
  /** The most unmatched requests kept; later ones are counted. */
  static final int KEPT = 1000;

  private final List<String> kept = new ArrayList<>();
  private long dropped;

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public void afterMatch(ServeEvent event, Parameters parameters) {
    if (event.getWasMatched()) {
      return;
    }
    String request = event.getRequest().getMethod() + " " + event.getRequest().getUrl();
    synchronized (this) {
      if (kept.size() < KEPT) {
        kept.add(request);
      } else {
        dropped++;
      }
    }
  }

  /**
   * The unmatched requests as method and {@code base} + URL, oldest first, and a last line that
   * counts those beyond {@value #KEPT}.
   */
  synchronized List<String> snapshot(String base) {
    List<String> all = new ArrayList<>();
    for (String request : kept) {
      int space = request.indexOf(' ');
      all.add(request.substring(0, space + 1) + base + request.substring(space + 1));
    }
    if (dropped > 0) {
      all.add("... and " + dropped + " more");
    }
    return all;
  }

  synchronized void clear() {
    kept.clear();
    dropped = 0;
  }
}
