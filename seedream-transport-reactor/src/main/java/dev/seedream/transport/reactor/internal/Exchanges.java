package dev.seedream.transport.reactor.internal;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/** The two exchanges of the port, as Monos over one configured {@link HttpClient}. */
public final class Exchanges {
  /** The most bytes of a download body gathered, waiting for the sink, while one write runs. */
  static final long MAX_GATHERED_BYTES = 1024 * 1024;
  private static final Supplier<Throwable> TIMED_OUT = () -> new TimeoutException("the exchange's timeout passed");

  private final HttpClient client;

  public Exchanges(HttpClient client) {
    this.client = client;
  }

  /** Sends the request and reads the whole answer body, bounded (an error body is cut at the bound). */
  public Mono<HttpResponse> exchange(HttpRequest request) {
    return run(request, (response, body) -> {
      int status = response.status().code();
      return status >= 200 && status < 300 ? bounded(response, body, request) : cut(response, body, request);
    });
  }

  /**
   * Sends the request; a 2xx body goes to the sink through {@link GatheredWrites}: one write at a
   * time, each of the buffers (views of Netty's, no heap copy) that arrived while the previous one
   * ran, at most {@link #MAX_GATHERED_BYTES} waiting; any other body is read and cut at the bound.
   * A failure (a broken body, the timeout) is signalled only once no write of this exchange runs, so
   * that a retry never races a late write of this attempt.
   */
  public Mono<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
    return Mono.defer(() -> {
      // the writes of the answer being read; a new one should Reactor Netty read another answer
      AtomicReference<GatheredWrites> current = new AtomicReference<>();
      return run(request, (response, body) -> {
        int status = response.status().code();
        if (status < 200 || status >= 300) {
          return cut(response, body, request);
        }
        try {
          sink.begin(HttpResponse.of(status, headers(response.responseHeaders()), null));
        } catch (RuntimeException e) {
          // refused before the body is read: the body is not subscribed, and the connection is closed
          return Mono.error(new SinkFailure(e));
        }
        GatheredWrites writes = new GatheredWrites(sink, MAX_GATHERED_BYTES);
        current.set(writes);
        return writes.write(body)
            .then(Mono.fromCallable(() -> HttpResponse.of(status, headers(response.responseHeaders()), null)));
      }).onErrorResume(error -> {
        GatheredWrites writes = current.get();
        return writes == null ? Mono.error(error) : writes.idle().then(Mono.error(error));
      });
    });
  }

  private Mono<HttpResponse> run(
      HttpRequest request, BiFunction<HttpClientResponse, ByteBufFlux, Mono<HttpResponse>> reader) {
    return Mono.defer(() -> {
      AtomicBoolean started = new AtomicBoolean();
      return client
          .request(HttpMethod.valueOf(request.method()))
          .uri(request.uri())
          .send((outgoing, outbound) -> {
            started.set(true);
            outgoing.responseTimeout(request.timeout());
            HttpHeaders headers = outgoing.requestHeaders();
            // Reactor Netty's defaults; only Host and Content-Length are added to the engine's headers
            headers.remove(HttpHeaderNames.USER_AGENT).remove(HttpHeaderNames.ACCEPT);
            request.headers().forEach(headers::set);
            boolean bodiless = request.method().equals("GET");
            Publisher<Void> sending = bodiless ? outbound : outbound.sendByteArray(Mono.just(request.body()));
            return sending;
          })
          .response(reader::apply)
          .single()
          // timeout(Duration) would describe the whole operator chain in a string on every subscribe
          // (a fifth of a small read's CPU on the calling thread); a timer with a fallback does not
          .timeout(Mono.delay(request.timeout()), Mono.error(TIMED_OUT))
          .onErrorMap(error -> Failures.map(error, request, started.get()));
    });
  }

  private static Mono<HttpResponse> bounded(HttpClientResponse response, ByteBufFlux body, HttpRequest request) {
    int status = response.status().code();
    Map<String, List<String>> headers = headers(response.responseHeaders());
    return BoundedBody.read(body, request.maxResponseBytes()).map(bytes -> HttpResponse.of(status, headers, bytes));
  }

  private static Mono<HttpResponse> cut(HttpClientResponse response, ByteBufFlux body, HttpRequest request) {
    int status = response.status().code();
    Map<String, List<String>> headers = headers(response.responseHeaders());
    return BoundedBody.prefix(body, request.maxResponseBytes()).map(bytes -> HttpResponse.of(status, headers, bytes));
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      all.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
    }
    return all;
  }
}
