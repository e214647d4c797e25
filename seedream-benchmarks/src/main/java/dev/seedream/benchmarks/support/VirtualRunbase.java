package dev.seedream.benchmarks.support;

import dev.seedream.GenerationRequest;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.testkit.Progression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runbase as an in-memory {@link AsyncHttpTransport} on {@link VirtualTime}: runs created by {@code
 * POST /api/v1/runs}, each with the duration the fake would draw for it ({@link FakeDurations}: the
 * same seed, the same order), read by {@code GET /api/v1/runs/{id}}; the documented limit counted at
 * each request's arrival (a 429 {@code RATE_LIMITED} beyond it), and {@code latency} between the
 * client and the server each way. For the engine run without a network ({@code EngineSimulation}).
 */
public final class VirtualRunbase implements AsyncHttpTransport {
  private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

  private final VirtualTime time;
  private final long seed;
  private final Progression progression;
  private final int limit;
  private final Duration window;
  private final Duration latency;
  private final Deque<Long> arrivals = new ArrayDeque<>();
  private final List<long[]> runs = new ArrayList<>();
  private int creates;
  private int reads;
  private int rateLimited;

  public VirtualRunbase(VirtualTime time, long seed, Progression progression, int limit, Duration window, Duration latency) {
    this.time = time;
    this.seed = seed;
    this.progression = progression;
    this.limit = limit;
    this.window = window;
    this.latency = latency;
  }

  @Override
  public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    throw new UnsupportedOperationException("the engine streams every answer");
  }

  @Override
  public CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
    CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
    time.schedule(() -> {
      int status;
      byte[] body;
      if (!admitted()) {
        rateLimited++;
        status = 429;
        body = "{\"error\": {\"message\": \"Rate limit exceeded\", \"code\": \"RATE_LIMITED\"}}".getBytes(StandardCharsets.UTF_8);
      } else {
        status = 200;
        body = "POST".equals(request.method()) ? create() : read(request.uri().getPath());
      }
      time.schedule(() -> respond(answer, sink, status, body), latency);
    }, latency);
    return answer;
  }

  private static void respond(CompletableFuture<HttpResponse> answer, AsyncBodySink sink, int status, byte[] body) {
    if (status != 200) {
      answer.complete(HttpResponse.of(status, JSON, body));
      return;
    }
    try {
      sink.begin(HttpResponse.of(status, JSON, new byte[0]));
      sink.write(ByteBuffer.wrap(body)).toCompletableFuture().join();
      answer.complete(HttpResponse.of(status, JSON, new byte[0]));
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
  }

  /** Whether a request arriving now is within the limit; counts it either way, as Runbase's window does. */
  private boolean admitted() {
    long now = time.nanoTime();
    while (!arrivals.isEmpty() && now - arrivals.peekFirst() >= window.toNanos()) {
      arrivals.pollFirst();
    }
    boolean admitted = arrivals.size() < limit;
    if (admitted) {
      arrivals.addLast(now);
    }
    return admitted;
  }

  private byte[] create() {
    int n = runs.size();
    long duration = FakeDurations.of(seed, n, progression).toNanos();
    runs.add(new long[] {time.nanoTime(), duration});
    creates++;
    return json(n);
  }

  private byte[] read(String path) {
    reads++;
    return json(Integer.parseInt(path.substring(path.lastIndexOf("/run-") + 5)));
  }

  private byte[] json(int n) {
    long created = runs.get(n)[0];
    long end = created + runs.get(n)[1];
    boolean ended = time.nanoTime() >= end;
    StringBuilder run = new StringBuilder()
        .append("{\"id\":\"run-").append(n).append("\",\"model\":\"").append(GenerationRequest.MODEL)
        .append("\",\"status\":\"").append(ended ? "succeeded" : "processing").append('"')
        .append(",\"created_at\":\"").append(instant(created)).append('"');
    if (ended) {
      run.append(",\"output\":{\"urls\":[\"https://images.invalid/run-").append(n).append(".png\"]}")
          .append(",\"completed_at\":\"").append(instant(end)).append('"');
    }
    return run.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private Instant instant(long nanos) {
    return time.now().minusNanos(time.nanoTime() - nanos);
  }

  /** When the n-th run was created, in virtual nanoseconds. */
  public long createdAt(int n) {
    return runs.get(n)[0];
  }

  /** When the n-th run ended, in virtual nanoseconds. */
  public long endedAt(int n) {
    return runs.get(n)[0] + runs.get(n)[1];
  }

  public int creates() {
    return creates;
  }

  public int reads() {
    return reads;
  }

  public int rateLimited() {
    return rateLimited;
  }
}
