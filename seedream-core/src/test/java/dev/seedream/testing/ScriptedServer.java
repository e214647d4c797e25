package dev.seedream.testing;

import dev.seedream.TransportException;
import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * An in-memory transport whose answers a test scripts. Answers complete at once on the caller's
 * thread (or never, for {@link Reply#hang()}), so tests on virtual time stay single-threaded.
 */
public final class ScriptedServer implements AsyncHttpTransport {
  /** A request as the server saw it, with the virtual time it arrived. */
  public record Received(HttpRequest request, long atNanos) {
    public String method() {
      return request.method();
    }

    public String path() {
      return request.uri().getPath();
    }
  }

  /** What the server does with one request. */
  public static final class Reply {
    final int status;
    final byte[] body;
    final Map<String, List<String>> headers;
    final RuntimeException failure;
    final boolean hang;

    private Reply(int status, byte[] body, Map<String, List<String>> headers, RuntimeException failure, boolean hang) {
      this.status = status;
      this.body = body;
      this.headers = headers;
      this.failure = failure;
      this.hang = hang;
    }

    public static Reply of(int status, String body) {
      return new Reply(status, body.getBytes(StandardCharsets.UTF_8), Map.of(), null, false);
    }

    public static Reply bytes(int status, byte[] body, Map<String, List<String>> headers) {
      return new Reply(status, body, headers, null, false);
    }

    public Reply header(String name, String value) {
      Map<String, List<String>> more = new java.util.HashMap<>(headers);
      more.put(name, List.of(value));
      return new Reply(status, body, more, failure, hang);
    }

    public static Reply fail(TransportException failure) {
      return new Reply(0, null, Map.of(), failure, false);
    }

    /** A failure that is not the SDK's own, as a transport's library might throw it. */
    public static Reply failForeign(RuntimeException failure) {
      return new Reply(0, null, Map.of(), failure, false);
    }

    public static Reply hang() {
      return new Reply(0, null, Map.of(), null, true);
    }
  }

  private final LongSupplier clock;
  private final Function<Received, Reply> script;
  private final List<Received> received = new ArrayList<>();
  private final List<CompletableFuture<HttpResponse>> hanging = new ArrayList<>();
  /** Released once for each request that hangs, after it is recorded. */
  public final java.util.concurrent.Semaphore hangs = new java.util.concurrent.Semaphore(0);
  /** Released once for each hanging request that is cancelled. */
  public final java.util.concurrent.Semaphore cancellations = new java.util.concurrent.Semaphore(0);

  public ScriptedServer(LongSupplier clock, Function<Received, Reply> script) {
    this.clock = clock;
    this.script = script;
  }

  @Override
  public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    return answer(request, null);
  }

  @Override
  public CompletableFuture<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
    return answer(request, sink);
  }

  private CompletableFuture<HttpResponse> answer(HttpRequest request, AsyncBodySink sink) {
    Received seen = new Received(request, clock.getAsLong());
    synchronized (this) {
      received.add(seen);
    }
    Reply reply = script.apply(seen);
    CompletableFuture<HttpResponse> future = new CompletableFuture<>();
    if (reply.hang) {
      synchronized (this) {
        hanging.add(future);
      }
      future.whenComplete((r, e) -> {
        if (future.isCancelled()) {
          cancellations.release();
        }
      });
      hangs.release();
      return future;
    }
    if (reply.failure != null) {
      future.completeExceptionally(reply.failure);
      return future;
    }
    if (sink != null && reply.status >= 200 && reply.status < 300) {
      try {
        sink.begin(HttpResponse.of(reply.status, reply.headers, null));
      } catch (RuntimeException e) {
        // a transport passes the sink's refusal on as it is
        future.completeExceptionally(e);
        return future;
      }
      sink.write(ByteBuffer.wrap(reply.body))
          .whenComplete((ignored, error) -> {
            if (error != null) {
              future.completeExceptionally(error);
            } else {
              future.complete(HttpResponse.of(reply.status, reply.headers, new byte[0]));
            }
          });
      return future;
    }
    future.complete(HttpResponse.of(reply.status, reply.headers, reply.body));
    return future;
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  public synchronized long count(String method) {
    return received.stream().filter(r -> r.method().equals(method)).count();
  }

  /** Requests that are hanging and were not cancelled. */
  public synchronized long hangingOpen() {
    return hanging.stream().filter(f -> !f.isDone()).count();
  }

  public synchronized long hangingCancelled() {
    return hanging.stream().filter(CompletableFuture::isCancelled).count();
  }
}
