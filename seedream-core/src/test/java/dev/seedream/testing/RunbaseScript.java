package dev.seedream.testing;

import dev.seedream.testing.ScriptedServer.Received;
import dev.seedream.testing.ScriptedServer.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scripted Runbase: creates answer run ids {@code run-1}, {@code run-2}, ...; each GET of a run
 * answers the next status of its script (the last one repeats), and {@code succeeded} carries one
 * output URL. Override answers per request with {@link #next(Reply...)} and {@link #onGet}.
 */
public final class RunbaseScript implements Function<Received, Reply> {
  private final List<String> statuses;
  private final Map<String, Integer> polls = new HashMap<>();
  private final Deque<Reply> overrides = new ArrayDeque<>();
  private Function<Received, Reply> gets;
  private int created;
  private final List<String> ids = new ArrayList<>();

  /** Every run goes through {@code statuses}, one per poll. */
  public RunbaseScript(String... statuses) {
    this.statuses = List.of(statuses);
  }

  /** The next requests get these answers, in order, before the script resumes. */
  public synchronized RunbaseScript next(Reply... replies) {
    overrides.addAll(List.of(replies));
    return this;
  }

  /** GETs are answered by {@code answer} (null falls back to the script). */
  public synchronized RunbaseScript onGet(Function<Received, Reply> answer) {
    this.gets = answer;
    return this;
  }

  @Override
  public synchronized Reply apply(Received request) {
    if (!overrides.isEmpty()) {
      return overrides.poll();
    }
    String path = request.path();
    if (request.method().equals("POST") && path.equals("/api/v1/runs")) {
      String id = "run-" + (++created);
      ids.add(id);
      return Reply.of(200, TextCodec.run(id, "pending"));
    }
    if (request.method().equals("GET") && path.startsWith("/api/v1/runs/")) {
      if (gets != null) {
        Reply reply = gets.apply(request);
        if (reply != null) {
          return reply;
        }
      }
      String id = path.substring("/api/v1/runs/".length());
      if (!ids.contains(id)) {
        return Reply.of(404, TextCodec.error("run_not_found", "Run not found"));
      }
      int n = polls.merge(id, 1, Integer::sum);
      String status = statuses.get(Math.min(n, statuses.size()) - 1);
      return status.equals("succeeded")
          ? Reply.of(200, TextCodec.run(id, status, "https://cdn.example/" + id + "/0.png"))
          : Reply.of(200, TextCodec.run(id, status));
    }
    return Reply.of(404, "unmatched " + request.method() + " " + path);
  }

  public synchronized int polls(String id) {
    return polls.getOrDefault(id, 0);
  }
}
