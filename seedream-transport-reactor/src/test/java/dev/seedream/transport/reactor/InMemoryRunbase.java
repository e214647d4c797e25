package dev.seedream.transport.reactor;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runbase in memory, answering at once on the caller's thread: for tests on virtual time, where a
 * real server's answers would race the virtual clock. Every run goes through {@code statuses}, one
 * per read; the last one repeats.
 */
final class InMemoryRunbase implements AsyncHttpTransport {
  private final List<String> statuses;
  private final List<String> requests = new ArrayList<>();
  private final Map<String, Integer> reads = new HashMap<>();
  private int created;

  InMemoryRunbase(String... statuses) {
    this.statuses = List.of(statuses);
  }

  @Override
  public synchronized CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    String path = request.uri().getPath();
    requests.add(request.method() + " " + path);
    if (request.method().equals("POST")) {
      return answer(200, "{\"id\":\"run-" + (++created) + "\",\"status\":\"pending\"}");
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    if (!id.startsWith("run-") || Integer.parseInt(id.substring(4)) > created) {
      return answer(404, "{\"error\":{\"message\":\"Run not found\",\"code\":\"run_not_found\"}}");
    }
    int n = reads.merge(id, 1, Integer::sum);
    String status = statuses.get(Math.min(n, statuses.size()) - 1);
    String output = status.equals("succeeded") ? ",\"output\":{\"urls\":[\"https://cdn.example/" + id + ".png\"]}" : "";
    return answer(200, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"" + output + "}");
  }

  /** API answers, streamed as the engine reads them: a 2xx body goes to the sink. There are no images in memory. */
  @Override
  public CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
    if (!request.uri().getPath().startsWith("/api/v1/runs")) {
      throw new UnsupportedOperationException("no images in memory");
    }
    HttpResponse answer = exchange(request).join();
    if (!answer.isSuccessful()) {
      return CompletableFuture.completedFuture(answer);
    }
    return sink.write(ByteBuffer.wrap(answer.body()))
        .thenApply(written -> HttpResponse.of(answer.status(), answer.headers(), null))
        .toCompletableFuture();
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private static CompletableFuture<HttpResponse> answer(int status, String json) {
    return CompletableFuture.completedFuture(
        HttpResponse.of(status, Map.of("Content-Type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8)));
  }
}
