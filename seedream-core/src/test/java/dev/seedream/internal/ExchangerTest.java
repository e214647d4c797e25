package dev.seedream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.MalformedResponseException;
import dev.seedream.Run;
import dev.seedream.spi.ApiErrorBody;
import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.JsonCodec;
import dev.seedream.spi.RunBody;
import dev.seedream.testing.ScriptedServer;
import dev.seedream.testing.TextCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** API answers go through the codec's {@link RunBody}, on both kinds of transport. */
class ExchangerTest {
  private static final HttpRequest GET =
      HttpRequest.get(URI.create("https://runbase.test/api/v1/runs/r")).maxResponseBytes(4096).build();
  private static final String ANSWER = "id=r\nnoise=" + "x".repeat(10_000) + "\nstatus=pending";

  private final ExecutorService executor = Blocking.boundedExecutor("exchanger-test", 1);
  private final KeepingCodec codec = new KeepingCodec();

  @AfterEach
  void stop() {
    Blocking.shutdown(executor);
  }

  @Test
  void aNonBlockingTransportStreamsA2xxAnswerThroughTheRunBodyAndTheAnswerCarriesWhatItKept() {
    Exchanger exchanger = Exchanger.of(server(200, ANSWER), false, codec);

    HttpResponse answer = exchanger.exchange(GET).join();

    assertThat(text(answer.body())).isEqualTo("id=r\nstatus=pending");
    assertThat(codec.bounds).containsExactly(4096L);
  }

  @Test
  void aBlockingTransportStreamsA2xxAnswerThroughTheRunBodyAndTheAnswerCarriesWhatItKept() {
    Exchanger exchanger = Exchanger.of(blocking(200, ANSWER), false, executor, codec);

    HttpResponse answer = exchanger.exchange(GET).join();

    assertThat(text(answer.body())).isEqualTo("id=r\nstatus=pending");
    assertThat(codec.bounds).containsExactly(4096L);
  }

  @Test
  void anErrorAnswerKeepsTheBodyTheTransportReturned() {
    String error = TextCodec.error("run_not_found", "no such run");

    assertThat(text(Exchanger.of(server(404, error), false, codec).exchange(GET).join().body())).isEqualTo(error);
    assertThat(text(Exchanger.of(blocking(404, error), false, executor, codec).exchange(GET).join().body())).isEqualTo(error);
  }

  @Test
  void aRunBodyThatRefusesTheAnswerFailsTheExchangeWithItsException() {
    codec.refuse = true;

    CompletableFuture<HttpResponse> async = Exchanger.of(server(200, ANSWER), false, codec).exchange(GET);
    CompletableFuture<HttpResponse> blocking = Exchanger.of(blocking(200, ANSWER), false, executor, codec).exchange(GET);

    for (CompletableFuture<HttpResponse> exchange : List.of(async, blocking)) {
      assertThatThrownBy(exchange::join)
          .hasRootCauseExactlyInstanceOf(MalformedResponseException.class)
          .hasRootCauseMessage("too much");
    }
  }

  @Test
  void aCodecWithoutARunBodyOfItsOwnKeepsTheWholeAnswerUpToTheBound() {
    TextCodec plain = new TextCodec();

    assertThat(text(Exchanger.of(server(200, "id=r\nstatus=pending"), false, plain).exchange(GET).join().body()))
        .isEqualTo("id=r\nstatus=pending");
    assertThatThrownBy(() -> Exchanger.of(server(200, ANSWER), false, plain).exchange(GET).join())
        .hasRootCauseExactlyInstanceOf(MalformedResponseException.class)
        .hasRootCauseMessage("the answer body is larger than 4096 bytes, the most kept of an answer (maxResponseBytes):"
            + " raise maxResponseBytes on the client builder if such answers are expected");
  }

  private static ScriptedServer server(int status, String body) {
    return new ScriptedServer(() -> 0L, request -> ScriptedServer.Reply.of(status, body));
  }

  /** A blocking transport that streams 2xx bodies to the sink in chunks of 1000 bytes. */
  private static HttpTransport blocking(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new HttpTransport() {
      @Override
      public HttpResponse exchange(HttpRequest request) {
        throw new AssertionError("API answers are streamed, not exchanged whole");
      }

      @Override
      public HttpResponse download(HttpRequest request, BodySink sink) {
        if (status >= 300) {
          return HttpResponse.of(status, Map.of(), bytes);
        }
        try {
          for (int at = 0; at < bytes.length; at += 1000) {
            sink.write(ByteBuffer.wrap(bytes, at, Math.min(1000, bytes.length - at)));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return HttpResponse.of(status, Map.of(), null);
      }
    };
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A codec whose run body keeps only the id and status lines, or refuses every chunk. */
  private static final class KeepingCodec implements JsonCodec {
    private final TextCodec text = new TextCodec();
    final List<Long> bounds = new ArrayList<>();
    volatile boolean refuse;

    @Override
    public byte[] writeCreateRequest(String model, Map<String, ?> input) {
      return text.writeCreateRequest(model, input);
    }

    @Override
    public Run readRun(byte[] body) {
      return text.readRun(body);
    }

    @Override
    public Optional<ApiErrorBody> readError(byte[] body) {
      return text.readError(body);
    }

    @Override
    public RunBody runBody(long maxKeptBytes) {
      bounds.add(maxKeptBytes);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      return new RunBody() {
        @Override
        public void write(ByteBuffer chunk) {
          if (refuse) {
            throw new MalformedResponseException("too much");
          }
          byte[] bytes = new byte[chunk.remaining()];
          chunk.get(bytes);
          all.writeBytes(bytes);
        }

        @Override
        public byte[] kept() {
          List<String> lines = new ArrayList<>();
          for (String line : all.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("id=") || line.startsWith("status=")) {
              lines.add(line);
            }
          }
          return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }
      };
    }
  }
}
