package dev.seedream.transport.reactor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.seedream.MalformedResponseException;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeTest extends TransportTestSupport {

  @Test
  void postSendsHeadersAndBodyAndReturnsStatusHeadersAndBody() throws Exception {
    server.stubFor(post("/api/v1/runs").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Multi", "one", "two")
        .withBody("{\"id\":\"run_1\"}")));
    byte[] body = "{\"prompt\":\"a lamp\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse response = valueOf(transport.exchange(HttpRequest.post(uri("/api/v1/runs"), body)
        .header("Authorization", "Bearer test-key")
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "abc-123")
        .build()));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.header("content-type")).hasValue("application/json");
    assertThat(response.headers().get("x-multi")).containsExactly("one", "two");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"run_1\"}");
    server.verify(1, postRequestedFor(urlEqualTo("/api/v1/runs"))
        .withHeader("Authorization", equalTo("Bearer test-key"))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Idempotency-Key", equalTo("abc-123"))
        .withHeader("Content-Length", equalTo(String.valueOf(body.length)))
        .withRequestBody(equalTo("{\"prompt\":\"a lamp\"}")));
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/api/v1/runs"))).get(0).getAllHeaderKeys())
        .containsExactlyInAnyOrder("Host", "Content-Length", "Authorization", "Content-Type", "Idempotency-Key");
  }

  @Test
  void getSendsNoBodyAndNoHeaderItWasNotGiven() throws Exception {
    server.stubFor(get("/api/v1/runs/run_1").willReturn(aResponse().withStatus(200).withBody("{}")));

    HttpResponse response = valueOf(transport.exchange(
        HttpRequest.get(uri("/api/v1/runs/run_1")).header("Accept", "application/json").build()));

    assertThat(response.status()).isEqualTo(200);
    List<LoggedRequest> requests = server.findAll(getRequestedFor(urlEqualTo("/api/v1/runs/run_1")));
    assertThat(requests).hasSize(1);
    LoggedRequest sent = requests.get(0);
    assertThat(sent.getBody()).isEmpty();
    assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
    assertThat(sent.getHeader("Host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(sent.getAllHeaderKeys()).containsExactlyInAnyOrder("Host", "Accept");
  }

  @Test
  void aUserAgentGivenByTheEngineIsSentAsGiven() throws Exception {
    server.stubFor(get("/ua").willReturn(aResponse().withStatus(200)));

    valueOf(transport.exchange(HttpRequest.get(uri("/ua")).header("User-Agent", "seedream-java/0.1.0").build()));

    LoggedRequest sent = server.findAll(getRequestedFor(urlEqualTo("/ua"))).get(0);
    assertThat(sent.getHeaders().getHeader("User-Agent").values()).containsExactly("seedream-java/0.1.0");
  }

  @Test
  void aPostWithAnEmptyBodySendsAZeroContentLength() throws Exception {
    server.stubFor(post("/empty").willReturn(aResponse().withStatus(204)));

    assertThat(valueOf(transport.exchange(HttpRequest.post(uri("/empty"), new byte[0]).build())).status()).isEqualTo(204);

    server.verify(1, postRequestedFor(urlEqualTo("/empty")).withHeader("Content-Length", equalTo("0")));
  }

  @Test
  void anErrorStatusIsReturnedWithItsBody() throws Exception {
    server.stubFor(get("/missing").willReturn(aResponse().withStatus(404).withBody("{\"code\":\"run_not_found\"}")));

    HttpResponse response = valueOf(transport.exchange(HttpRequest.get(uri("/missing")).build()));

    assertThat(response.status()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("run_not_found");
  }

  @Test
  void aRedirectIsReturnedAsItIsAndNotFollowed() throws Exception {
    server.stubFor(get("/from").willReturn(aResponse().withStatus(302).withHeader("Location", uri("/to").toString())));
    server.stubFor(get("/to").willReturn(aResponse().withStatus(200).withBody("followed")));

    HttpResponse response = valueOf(transport.exchange(
        HttpRequest.get(uri("/from")).header("Authorization", "Bearer test-key").build()));

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).hasValue(uri("/to").toString());
    server.verify(0, getRequestedFor(urlEqualTo("/to")));
  }

  @Test
  void aBodyAtTheBoundIsRead() throws Exception {
    server.stubFor(get("/exact").willReturn(aResponse().withStatus(200).withBody(new byte[1000])));

    HttpResponse response = valueOf(transport.exchange(HttpRequest.get(uri("/exact")).maxResponseBytes(1000).build()));

    assertThat(response.body()).hasSize(1000);
  }

  @Test
  void aBodyOverTheBoundFailsAndItsConnectionIsClosedNotReused() throws Exception {
    server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(new byte[200_000])));

    Throwable failure = failureOf(transport.exchange(HttpRequest.get(uri("/big")).maxResponseBytes(1000).build()));

    assertThat(failure).isInstanceOf(MalformedResponseException.class).hasMessageContaining("1000 bytes");
    awaitZero("open connections after an oversized body", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void anErrorBodyOverTheBoundIsCutTheAnswerReturnedAndItsConnectionClosed() throws Exception {
    String page = "<html><body><h1>502 Bad Gateway</h1>" + "x".repeat(3 * 1024 * 1024) + "</body></html>";
    server.stubFor(get("/bad-gateway").willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));

    HttpResponse response = valueOf(transport.exchange(HttpRequest.get(uri("/bad-gateway")).maxResponseBytes(1024 * 1024).build()));

    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("Content-Type")).hasValue("text/html");
    assertThat(response.body()).hasSize(1024 * 1024);
    assertThat(new String(response.body(), 0, 37, StandardCharsets.UTF_8)).isEqualTo("<html><body><h1>502 Bad Gateway</h1>x");
    awaitZero("open connections after a cut error body", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void aDownloadsErrorBodyOverTheBoundIsCutToo() throws Exception {
    server.stubFor(get("/error.png").willReturn(aResponse().withStatus(500).withBody(new byte[300_000]).withChunkedDribbleDelay(5, 50)));

    HttpResponse response = valueOf(transport.download(HttpRequest.get(uri("/error.png")).maxResponseBytes(10_000).build(),
        chunk -> java.util.concurrent.CompletableFuture.failedFuture(new AssertionError("an error body reached the sink"))));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body()).hasSize(10_000);
    awaitZero("open connections after a cut error body", () -> transport.openConnections().orElseThrow());
  }

  @Test
  void anErrorBodyOfExactlyTheBoundIsKeptWholeAndItsConnectionReused() throws Exception {
    server.stubFor(get("/exact-error").willReturn(aResponse().withStatus(404).withBody(new byte[1000])));

    HttpResponse response = valueOf(transport.exchange(HttpRequest.get(uri("/exact-error")).maxResponseBytes(1000).build()));
    awaitZero("connections lent after the first answer", () -> transport.acquiredConnections().orElseThrow());
    valueOf(transport.exchange(HttpRequest.get(uri("/exact-error")).maxResponseBytes(1000).build()));

    assertThat(response.body()).hasSize(1000);
    assertThat(transport.openConnections()).hasValue(1);
  }

  @Test
  void aConnectionIsReusedAfterACompleteAnswer() throws Exception {
    server.stubFor(get("/small").willReturn(aResponse().withStatus(200).withBody("ok")));

    valueOf(transport.exchange(HttpRequest.get(uri("/small")).build()));
    // the connection returns to the pool just after the future completes
    awaitZero("connections lent after the first answer", () -> transport.acquiredConnections().orElseThrow());
    valueOf(transport.exchange(HttpRequest.get(uri("/small")).build()));

    assertThat(transport.openConnections()).hasValue(1);
  }
}
