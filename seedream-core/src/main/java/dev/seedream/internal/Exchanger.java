package dev.seedream.internal;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.RunBody;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The engine's view of a transport: always asynchronous. A blocking transport runs on the engine's
 * bounded executor, or on the thread of a blocking caller that waits for the answer anyway when the
 * transport ends its exchanges by their timeout itself; a non-blocking one is called directly.
 *
 * <p>API answers are streamed ({@code download} of the transport) through the codec's {@link
 * RunBody}, so that only what a run is made of is held in memory; the answer handed back carries
 * {@link RunBody#kept()} as its body when it is 2xx, and the transport's bounded body otherwise.
 */
interface Exchanger extends AutoCloseable {
  /** The stage every chunk of a run body answers with: complete, since the chunk was read at once. */
  CompletionStage<Void> CHUNK_READ = CompletableFuture.completedStage(null);

  /** Sends an API request; a 2xx answer's body is what the codec kept of it. */
  default CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    return exchange(request, false);
  }

  /**
   * Sends an API request. {@code callerWaits}: the current thread is a blocking caller's, in the
   * synchronous part of the call that waits for this answer; a blocking transport that {@link
   * HttpTransport#enforcesTimeout() enforces its timeouts} then runs on it, and the returned future is
   * complete. Never true for another caller's request or on the engine's own threads.
   */
  CompletableFuture<HttpResponse> exchange(HttpRequest request, boolean callerWaits);

  /** Whether the transport ends every exchange by its request's timeout, so the engine need not time it. */
  boolean enforcesTimeout();

  CompletableFuture<HttpResponse> download(HttpRequest request, ImageBody sink);

  @Override
  void close();

  static Exchanger of(AsyncHttpTransport transport, boolean owned, JsonCodec codec) {
    boolean enforces = transport.enforcesTimeout();
    return new Exchanger() {
      @Override
      public CompletableFuture<HttpResponse> exchange(HttpRequest request, boolean callerWaits) {
        RunBody body = codec.runBody(request.maxResponseBytes());
        return Futures.map(transport.download(request, skimming(body)), answer -> withKept(answer, body));
      }

      @Override
      public CompletableFuture<HttpResponse> download(HttpRequest request, ImageBody sink) {
        return transport.download(request, sink.async());
      }

      @Override
      public boolean enforcesTimeout() {
        return enforces;
      }

      @Override
      public void close() {
        if (owned) {
          transport.close();
        }
      }
    };
  }

  static Exchanger of(HttpTransport transport, boolean owned, ExecutorService executor, JsonCodec codec) {
    boolean enforces = transport.enforcesTimeout();
    Blocking.Callers callers = new Blocking.Callers();
    return new Exchanger() {
      @Override
      public CompletableFuture<HttpResponse> exchange(HttpRequest request, boolean callerWaits) {
        Supplier<HttpResponse> work = () -> {
          RunBody body = codec.runBody(request.maxResponseBytes());
          return withKept(transport.download(request, body), body);
        };
        // on the caller's thread only when the transport bounds the exchange: the caller cannot be cut loose
        return callerWaits && enforces ? callers.run(work) : Blocking.submit(executor, work);
      }

      @Override
      public boolean enforcesTimeout() {
        return enforces;
      }

      @Override
      public CompletableFuture<HttpResponse> download(HttpRequest request, ImageBody sink) {
        return Blocking.submit(executor, () -> transport.download(request, sink));
      }

      @Override
      public void close() {
        callers.close();
        if (owned) {
          transport.close();
        }
      }
    };
  }

  /** The answer with what the body kept, for a 2xx answer; any other answer as the transport gave it. */
  private static HttpResponse withKept(HttpResponse answer, RunBody body) {
    return answer.isSuccessful() ? HttpResponse.of(answer.status(), answer.headers(), body.kept()) : answer;
  }

  /**
   * The body as a non-blocking sink whose stages are complete when returned: reading a chunk is CPU
   * work only, done on the transport's thread (an event loop, for Reactor) without blocking it.
   */
  private static AsyncBodySink skimming(RunBody body) {
    return chunk -> {
      try {
        body.write(chunk);
        return CHUNK_READ;
      } catch (Exception e) {
        return CompletableFuture.failedStage(e);
      }
    };
  }
}
