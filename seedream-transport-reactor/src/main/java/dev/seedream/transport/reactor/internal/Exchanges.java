package dev.seedream.transport.reactor.internal;

import dev.seedream.spi.AsyncBodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
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
   * Sends the request; a 2xx body goes to the sink one chunk at a time, any other is read and cut
   * at the bound. Each chunk is a view of Netty's buffer, which is kept (retained) until the sink's
   * stage for it completes and released then; at most one more waits, retained, in the queue
   * before it, and one left there by a cancel or an error is released as it is discarded.
   */
  public Mono<HttpResponse> download(HttpRequest request, AsyncBodySink sink) {
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
      return body.retain()
          .concatMap(buffer -> write(sink, buffer), 1)
          .doOnDiscard(ByteBuf.class, Exchanges::release)
          .then(Mono.fromCallable(() -> HttpResponse.of(status, headers(response.responseHeaders()), null)));
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

  /**
   * Hands the sink a view of the buffer, which this call owns (retained for it): released exactly
   * once, when the sink's stage completes, or at once if the sink throws. Cancelling the returned
   * Mono does not release it early: the sink may still be reading the view.
   */
  private static Mono<Void> write(AsyncBodySink sink, ByteBuf buffer) {
    return Mono.create(done -> {
      CompletionStage<Void> stage;
      try {
        stage = Objects.requireNonNull(sink.write(buffer.nioBuffer()), "AsyncBodySink.write returned null");
      } catch (RuntimeException e) {
        release(buffer);
        done.error(new SinkFailure(e));
        return;
      }
      stage.whenComplete((ignored, error) -> {
        release(buffer);
        if (error == null) {
          done.success();
        } else {
          done.error(new SinkFailure(error));
        }
      });
    });
  }

  private static void release(ByteBuf buffer) {
    ReferenceCountUtil.safeRelease(buffer);
  }

  private static Map<String, List<String>> headers(HttpHeaders headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      all.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
    }
    return all;
  }
}
