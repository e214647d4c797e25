package dev.seedream.internal;

import dev.seedream.spi.AsyncHttpTransport;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.HttpTransport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The engine's view of a transport: always asynchronous. A blocking transport runs on the engine's
 * bounded executor; a non-blocking one is called directly.
 */
interface Exchanger extends AutoCloseable {
  CompletableFuture<HttpResponse> exchange(HttpRequest request);

  CompletableFuture<HttpResponse> download(HttpRequest request, FileSink sink);

  @Override
  void close();

  static Exchanger of(AsyncHttpTransport transport, boolean owned) {
    return new Exchanger() {
      @Override
      public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
        return transport.exchange(request);
      }

      @Override
      public CompletableFuture<HttpResponse> download(HttpRequest request, FileSink sink) {
        return transport.download(request, sink.async());
      }

      @Override
      public void close() {
        if (owned) {
          transport.close();
        }
      }
    };
  }

  static Exchanger of(HttpTransport transport, boolean owned, ExecutorService executor) {
    return new Exchanger() {
      @Override
      public CompletableFuture<HttpResponse> exchange(HttpRequest request) {
        return Blocking.submit(executor, () -> transport.exchange(request));
      }

      @Override
      public CompletableFuture<HttpResponse> download(HttpRequest request, FileSink sink) {
        return Blocking.submit(executor, () -> transport.download(request, sink));
      }

      @Override
      public void close() {
        if (owned) {
          transport.close();
        }
      }
    };
  }
}
