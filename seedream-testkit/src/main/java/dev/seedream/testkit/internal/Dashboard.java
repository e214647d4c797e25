package dev.seedream.testkit.internal;

import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.RecordedRequest;
import dev.seedream.testkit.RunbaseError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fake's dashboard: a page at {@code /__dashboard} (HTML, CSS and a little JavaScript, nothing
 * fetched from elsewhere) that polls {@code GET /__control/dashboard} once a second and shows the
 * latest runs, the API requests per rate-limit window against the limit, and the faults injected.
 *
 * <p>Each read is bounded: the latest {@link #RUNS} runs, the last {@link #WINDOWS} windows and
 * {@link #FAULTS} faults, counted from the fake's bounded request journal.
 */
final class Dashboard {
  static final String PATH = "/__dashboard";
  /** What the page may load: itself, and the JSON of its own origin. */
  static final String POLICY =
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";
  static final int RUNS = 50;
  static final int WINDOWS = 6;
  static final int FAULTS = 20;
  static final String PAGE = page();

  private Dashboard() {}

  /** What the page shows, as JSON values. */
  static Map<String, Object> state(FakeEngine engine, FakeServers servers) {
    Instant now = engine.now();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("at", now.toString());
    state.put("api", servers.isDown() ? "down" : "up");
    state.put("balance", BigDecimal.valueOf(engine.balanceCents(), 2).toPlainString());
    List<RecordedRequest> journal = engine.journalSnapshot();
    state.put("rate", rate(engine.settings(), journal, now.toEpochMilli()));
    state.put("runs", runs(engine));
    state.put("faults", faults(engine, journal));
    return state;
  }

  private static Map<String, Object> rate(Settings settings, List<RecordedRequest> journal, long now) {
    long window = settings.rateLimitWindow().toMillis() > 0 ? settings.rateLimitWindow().toMillis() : 10_000;
    long current = now - now % window;
    long first = current - (WINDOWS - 1) * window;
    TreeMap<Long, long[]> counts = new TreeMap<>();
    for (long start = first; start <= current; start += window) {
      counts.put(start, new long[2]);
    }
    for (RecordedRequest request : journal) {
      if (request.endpoint() == Endpoint.IMAGE) {
        continue;
      }
      long at = request.at().toEpochMilli();
      long[] count = at < first ? null : counts.get(at - at % window);
      if (count != null) {
        count[refused(request) ? 1 : 0]++;
      }
    }
    List<Map<String, Object>> windows = new ArrayList<>();
    counts.forEach((start, count) -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("start", Instant.ofEpochMilli(start).toString());
      json.put("admitted", count[0]);
      json.put("refused", count[1]);
      windows.add(json);
    });
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("limit", settings.rateLimited() ? settings.rateLimitRequests() : 0);
    rate.put("windowSeconds", window / 1000.0);
    rate.put("windows", windows);
    return rate;
  }

  private static boolean refused(RecordedRequest request) {
    return request.status() == RunbaseError.RATE_LIMITED.status() && request.injected().isEmpty()
        && request.errorCode().filter(RunbaseError.RATE_LIMITED.code()::equals).isPresent();
  }

  private static Map<String, Object> runs(FakeEngine engine) {
    List<Map<String, Object>> latest = new ArrayList<>();
    for (FakeRun run : engine.latestRuns(RUNS)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", run.id());
      json.put("status", run.status());
      json.put("polls", run.polls());
      json.put("prompt", shorten(String.valueOf(run.input().get("prompt")), 120));
      json.put("aspect_ratio", String.valueOf(run.input().getOrDefault("aspect_ratio", "1:1")));
      json.put("quality", String.valueOf(run.input().getOrDefault("quality", "basic")));
      latest.add(json);
    }
    Map<String, Object> runs = new LinkedHashMap<>();
    runs.put("total", engine.runCount());
    runs.put("latest", latest);
    return runs;
  }

  private static Map<String, Object> faults(FakeEngine engine, List<RecordedRequest> journal) {
    List<Map<String, Object>> recent = new ArrayList<>();
    long injected = 0;
    for (int i = journal.size() - 1; i >= 0; i--) {
      RecordedRequest request = journal.get(i);
      if (request.injected().isPresent()) {
        injected++;
        if (recent.size() < FAULTS) {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("at", request.at().toString());
          json.put("request", request.method() + " " + shorten(request.path(), 120));
          json.put("failure", request.injected().get().toString());
          recent.add(json);
        }
      }
    }
    Map<String, Object> faults = new LinkedHashMap<>();
    faults.put("waiting", engine.injections().describe(FAULTS));
    faults.put("injected", injected);
    faults.put("recent", recent);
    return faults;
  }

  private static String shorten(String text, int length) {
    return text.length() > length ? text.substring(0, length - 3) + "..." : text;
  }

  private static String page() {
    try (InputStream in = Dashboard.class.getResourceAsStream("dashboard.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard.html is missing from the testkit jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard.html of the testkit", e);
    }
  }
}
