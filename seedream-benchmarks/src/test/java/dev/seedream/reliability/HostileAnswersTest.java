package dev.seedream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.seedream.DeadlineExceededException;
import dev.seedream.GenerationRequest;
import dev.seedream.MalformedResponseException;
import dev.seedream.PollPolicy;
import dev.seedream.RetryPolicy;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.SeedreamClient;
import dev.seedream.benchmarks.support.HeapSampler;
import dev.seedream.benchmarks.support.LocalServer;
import dev.seedream.spi.RateBudget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that plays the API and answers polls with what no server should send: random bytes,
 * truncated JSON, wrong types in every field, 50 MB of JSON, a status that never ends. The SDK must
 * answer with {@link MalformedResponseException} or {@link DeadlineExceededException} (or read the
 * run when what was wrong is a field it may ignore), never with another exception from inside it,
 * and never hold such a body in memory.
 */
@ExtendWith(Canary.class)
class HostileAnswersTest {
  static final String RUN_ID = "run_hostile0000000000";
  static final String CREATED = "{\"id\":\"" + RUN_ID + "\",\"status\":\"pending\"}";
  static final Map<String, String> VALID_FIELDS = validFields();

  static volatile Answer answer;
  static LocalServer server;
  static final List<TransportUnderTest> transports = new ArrayList<>();

  /** What the server answers to a poll. */
  @FunctionalInterface
  interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  @BeforeAll
  static void start() {
    server = LocalServer.start(4, exchange -> {
      if (exchange.getRequestMethod().equals("POST")) {
        LocalServer.respond(exchange, 200, "application/json", CREATED.getBytes(StandardCharsets.UTF_8));
      } else {
        exchange.getRequestBody().readAllBytes();
        answer.write(exchange);
      }
    });
    TransportUnderTest.names().forEach(name -> transports.add(TransportUnderTest.create(name)));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TransportUnderTest transport : transports) {
      transport.close();
    }
    server.close();
  }

  static Map<String, String> validFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", "\"" + RUN_ID + "\"");
    fields.put("model", "\"bytedance/seedream-4.5\"");
    fields.put("status", "\"succeeded\"");
    fields.put("input", "{\"prompt\":\"a lamp\",\"aspect_ratio\":\"16:9\"}");
    fields.put("output", "{\"urls\":[\"https://cdn.example.com/a.png\"]}");
    fields.put("error", "null");
    fields.put("created_at", "\"2026-01-01T00:00:00Z\"");
    fields.put("started_at", "\"2026-01-01T00:00:01Z\"");
    fields.put("completed_at", "\"2026-01-01T00:00:12Z\"");
    return fields;
  }

  static String run(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach((name, value) -> out.append(out.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
    return out.append('}').toString();
  }

  static Answer json(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return exchange -> LocalServer.respond(exchange, 200, "application/json", bytes);
  }

  static Stream<Arguments> hostileBodies() {
    List<Arguments> bodies = new ArrayList<>();
    Random random = new Random(8);
    for (int i = 0; i < 8; i++) {
      byte[] noise = new byte[1 + random.nextInt(600)];
      random.nextBytes(noise);
      bodies.add(Arguments.of("random bytes #" + i, noise));
    }
    String valid = run(VALID_FIELDS);
    for (int cut : new int[] {0, 1, 2, 10, valid.length() / 3, valid.length() / 2, valid.length() - 2, valid.length() - 1}) {
      bodies.add(Arguments.of("truncated at " + cut, valid.substring(0, cut).getBytes(StandardCharsets.UTF_8)));
    }
    for (String field : VALID_FIELDS.keySet()) {
      for (String wrong : List.of("42", "true", "[1,2]", "{\"a\":1}", "\"text\"", "null", "-1e999")) {
        Map<String, String> fields = new LinkedHashMap<>(VALID_FIELDS);
        fields.put(field, wrong);
        bodies.add(Arguments.of(field + " = " + wrong, run(fields).getBytes(StandardCharsets.UTF_8)));
      }
    }
    for (String other : List.of("[]", "\"run\"", "null", "42", "{}", "{\"output\":{\"urls\":[null, 7]}}")) {
      bodies.add(Arguments.of("body " + other, other.getBytes(StandardCharsets.UTF_8)));
    }
    return bodies.stream().flatMap(b -> TransportUnderTest.names().stream()
        .map(t -> Arguments.of(t, b.get()[0], b.get()[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostileBodies")
  void aHostileBodyIsAProtocolErrorOrARun(String transportName, String description, byte[] body) throws Exception {
    answer = exchange -> LocalServer.respond(exchange, 200, "application/json", body);
    Object outcome = get(transportName);

    assertThat(outcome).as(description).satisfiesAnyOf(
        o -> assertThat(o).isInstanceOf(Run.class),
        o -> assertThat(o).isInstanceOf(MalformedResponseException.class));
    if (description.startsWith("random") || description.startsWith("truncated")
        || description.startsWith("id =") || description.startsWith("status =")) {
      boolean stillValid = description.equals("id = \"text\"") || description.equals("status = \"text\"");
      if (!stillValid) {
        assertThat(outcome).as(description).isInstanceOf(MalformedResponseException.class);
      }
    }
    assertThat(transport(transportName).leasedAfterSettling()).isZero();
  }

  @ParameterizedTest(name = "{0}, chunked: {1}")
  @MethodSource("transportsAndChunking")
  void fiftyMegabytesOfJsonAreRefusedWithoutReadingThemIntoMemory(String transportName, boolean chunked) throws Exception {
    long size = 50L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    answer = exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, chunked ? 0 : size);
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'a');
      byte[] head = ("{\"id\":\"" + RUN_ID + "\",\"status\":\"succeeded\",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(head);
        long left = size - head.length;
        while (left > 0) {
          int n = (int) Math.min(chunk.length, left);
          out.write(chunk, 0, n);
          written.addAndGet(n);
          left -= n;
        }
      } catch (IOException closedByClient) {
        // the client stopped reading: what this test wants
      }
    };
    HeapSampler heap = HeapSampler.start();

    Object outcome = get(transportName);

    long growth = heap.stop();
    assertThat(outcome).isInstanceOf(MalformedResponseException.class);
    assertThat(growth).as("heap growth while refusing 50 MB").isLessThan(24L * 1024 * 1024);
    assertThat(transport(transportName).leasedAfterSettling()).isZero();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("neverEnding")
  void aStatusThatNeverEndsEndsAtTheDeadline(String transportName, String status) throws Exception {
    answer = json("{\"id\":\"" + RUN_ID + "\",\"status\":\"" + status + "\"}");
    Throwable error = null;
    try (SeedreamClient client = client(transportName)) {
      client.generate(GenerationRequest.builder().prompt("hostile").build(), Duration.ofMillis(300));
    } catch (RuntimeException e) {
      error = Canary.clean(e);
    }

    assertThat(error).isInstanceOf(DeadlineExceededException.class);
    assertThat(transport(transportName).leasedAfterSettling()).isZero();
  }

  static Stream<Arguments> neverEnding() {
    return TransportUnderTest.names().stream()
        .flatMap(t -> Stream.of("processing", "pending", "queued-forever").map(s -> Arguments.of(t, s)));
  }

  static Stream<Arguments> transportsAndChunking() {
    return TransportUnderTest.names().stream().flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
  }

  @Test
  void theCanaryKeyIsSent() throws Exception {
    List<String> authorizations = new ArrayList<>();
    answer = exchange -> {
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      json(run(VALID_FIELDS)).write(exchange);
    };
    Object outcome = get(TransportUnderTest.names().get(0));

    assertThat(outcome).isInstanceOf(Run.class);
    assertThat(authorizations).containsExactly("Bearer " + Canary.KEY);
  }

  /** The outcome of one {@code get}: the run, or the exception (checked for the key). */
  static Object get(String transportName) {
    try (SeedreamClient client = client(transportName)) {
      return client.get(RunId.of(RUN_ID));
    } catch (RuntimeException e) {
      return Canary.clean(e);
    }
  }

  static SeedreamClient client(String transportName) {
    return transport(transportName).client(SeedreamClient.builder()
        .baseUrl(server.baseUrl())
        .rateBudget(RateBudget.unlimited())
        .retryPolicy(RetryPolicy.none())
        .attemptTimeout(Duration.ofSeconds(5))
        .pollPolicy(PollPolicy.custom().initialDelay(Duration.ofMillis(5)).interval(Duration.ofMillis(5))
            .maxInterval(Duration.ofMillis(20)).build()));
  }

  static TransportUnderTest transport(String name) {
    return transports.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
