package dev.seedream.testkit;

import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An outage closes the API port and keeps the state; restore opens the same port again. */
class OutageTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().balance(new BigDecimal("10.00")).progression(Progression.afterPolls(1, 1)).start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  @Test
  void anOutageRefusesConnectionsAndAPollingClientCarriesOnAfterRestore() {
    String base = fake.baseUrl();
    String id = id(Http.create(fake, "A lamp"));
    assertThat(json(Http.read(fake, id)).get("status").getAsString()).isEqualTo("pending");

    fake.outage();

    assertThat(fake.isInOutage()).isTrue();
    assertThat(fake.isRunning()).isTrue();
    assertThat(fake.baseUrl()).isEqualTo(base);
    assertThatThrownBy(() -> Http.read(fake, id)).isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(ConnectException.class);
    assertThatThrownBy(() -> Http.create(fake, "Another lamp")).hasCauseInstanceOf(ConnectException.class);
    assertThat(fake.runs()).as("the runs are kept").extracting(FakeRun::id).containsExactly(id);
    assertThat(fake.balance()).isEqualByComparingTo("9.95");

    fake.restore();

    assertThat(fake.isInOutage()).isFalse();
    assertThat(fake.baseUrl()).as("the same dynamic port").isEqualTo(base);
    assertThat(json(Http.read(fake, id)).get("status").getAsString()).as("the run goes on where it was").isEqualTo("processing");
    assertThat(json(Http.read(fake, id)).get("status").getAsString()).isEqualTo("succeeded");
    assertThat(fake.journal().pollsOf(id)).as("refused requests never reached the fake").isEqualTo(3);
    assertThat(fake.journal().createRequests()).isEqualTo(1);
  }

  @Test
  void theImageOriginStaysUpAndServesDuringAnOutage() {
    String id = id(Http.create(fake, "A lamp"));
    String url = Http.pollToEnd(fake, id).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();

    fake.outage();

    assertThat(Png.dimensions(Http.bytes(url).body())).containsExactly(64, 64);
    assertThat(fake.journal().imageRequests()).hasSize(1);
  }

  @Test
  void injectionsAndUnmatchedRequestsSurviveAnOutage() {
    fake.injectNext(Endpoint.GET, 1, Failure.serverError(503));
    Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/api/v2/nothing")).GET().build());

    fake.outage();
    fake.outage();
    fake.restore();
    fake.restore();

    assertThat(Http.read(fake, "run_x").statusCode()).isEqualTo(503);
    assertThat(fake.unmatchedRequests()).containsExactly("GET " + fake.baseUrl() + "/api/v2/nothing");
  }

  @Test
  void resetEndsAnOutage() {
    fake.outage();

    fake.reset();

    assertThat(fake.isInOutage()).isFalse();
    assertThat(Http.create(fake, "A lamp").statusCode()).isEqualTo(200);
  }

  @Test
  void theControlEndpointOfTheImageOriginStartsAndEndsAnOutage() {
    String id = id(Http.create(fake, "A lamp"));

    HttpResponse<String> outage = control(fake.imageBaseUrl(), "outage");

    assertThat(outage.statusCode()).isEqualTo(200);
    assertThat(outage.body()).contains("\"outage\":true");
    assertThat(fake.isInOutage()).isTrue();
    assertThatThrownBy(() -> Http.read(fake, id)).hasCauseInstanceOf(ConnectException.class);
    assertThat(Http.send(HttpRequest.newBuilder(URI.create(fake.imageBaseUrl() + "/__control/state")).GET().build()).body())
        .contains("\"api\":\"down\"").contains("\"runs\":1");

    HttpResponse<String> restore = control(fake.imageBaseUrl(), "restore");

    assertThat(restore.statusCode()).isEqualTo(200);
    assertThat(restore.body()).contains(fake.baseUrl());
    assertThat(Http.read(fake, id).statusCode()).isEqualTo(200);
  }

  @Test
  void theApiOriginSaysWhereToSendAnOutage() {
    HttpResponse<String> response = control(fake.baseUrl(), "outage");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("image origin").contains(fake.imageBaseUrl() + "/__control/outage");
    assertThat(fake.isInOutage()).isFalse();
  }

  @Test
  void closingAfterAnOutageLeavesNoThreadsBehind() throws Exception {
    Set<Long> before = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    FakeRunbase other = FakeRunbase.builder().noRateLimit().start();
    other.outage();
    other.restore();
    other.outage();
    Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t.getId()))
        .filter(t -> !t.getName().equals("Keep-Alive-Timer") && !t.getName().startsWith("HttpClient-"))
        .collect(Collectors.toSet());

    other.close();

    long deadline = System.nanoTime() + 10_000_000_000L;
    for (Thread t : started) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
    assertThat(other.isRunning()).isFalse();
    assertThatThrownBy(other::restore).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private static HttpResponse<String> control(String origin, String command) {
    return Http.send(HttpRequest.newBuilder(URI.create(origin + "/__control/" + command)).POST(BodyPublishers.noBody()).build());
  }
}
