package dev.seedream.transport.apache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.seedream.MalformedResponseException;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

class ExchangeTest extends WireMockTestBase {
  @Test
  void sendsMethodHeadersAndBodyAsGivenAndReturnsStatusHeadersAndBody() {
    server.stubFor(
        post("/api/v1/runs")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Multi", "a", "b")
                    .withBody("{\"id\":\"r1\",\"status\":\"pending\"}")));
    byte[] body = "{\"model\":\"bytedance/seedream-4.5\",\"input\":{\"prompt\":\"café\"}}".getBytes(StandardCharsets.UTF_8);

    HttpResponse response =
        transport.exchange(
            HttpRequest.post(uri("/api/v1/runs"), body)
                .header("Authorization", "Bearer sk-test")
                .header("Content-Type", "application/json")
                .header("User-Agent", "seedream-java/test")
                .build());

    assertThat(response.status()).isEqualTo(201);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"r1\",\"status\":\"pending\"}");
    assertThat(response.header("content-type")).contains("application/json");
    assertThat(response.headers().get("X-Multi")).containsExactly("a", "b");

    LoggedRequest sent = server.getAllServeEvents().get(0).getRequest();
    assertThat(sent.getMethod().getName()).isEqualTo("POST");
    assertThat(sent.getBody()).isEqualTo(body);
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(sent.getHeader("User-Agent")).isEqualTo("seedream-java/test");
    assertThat(headerNames(sent))
        .containsExactlyInAnyOrder("authorization", "content-type", "user-agent", "content-length", "host", "connection");
  }

  @Test
  void addsNoHeaderOfItsOwnBeyondHostAndFraming() {
    server.stubFor(get("/plain").willReturn(aResponse().withStatus(200)));

    transport.exchange(getRequest("/plain"));

    LoggedRequest sent = server.getAllServeEvents().get(0).getRequest();
    assertThat(headerNames(sent)).doesNotContain("accept-encoding", "cookie", "authorization", "upgrade", "expect");
  }

  @Test
  void reusesThePooledConnection() {
    server.stubFor(get("/again").willReturn(aResponse().withStatus(200).withBody("x".repeat(10_000))));

    for (int i = 0; i < 5; i++) {
      assertThat(transport.exchange(getRequest("/again")).body()).hasSize(10_000);
    }

    assertThat(transport.poolStats().available()).isEqualTo(1);
  }

  @Test
  void returnsARedirectAsItIsWithoutFollowingIt() {
    server.stubFor(
        get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", server.baseUrl() + "/target")));
    server.stubFor(get("/target").willReturn(aResponse().withStatus(200)));

    HttpResponse response = transport.exchange(getRequest("/moved"));

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).contains(server.baseUrl() + "/target");
    assertThat(server.findAll(getRequestedFor(urlEqualTo("/target")))).isEmpty();
  }

  @Test
  void returnsErrorStatusesWithTheirBody() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));

    HttpResponse response = transport.exchange(getRequest("/busy"));

    assertThat(response.status()).isEqualTo(503);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<html>busy</html>");
  }

  @Test
  void refusesABodyOverTheBoundAndDiscardsTheConnection() {
    server.stubFor(get("/big")
            .willReturn(
                aResponse().withStatus(200).withHeader("Content-Length", "2097152").withBody(new byte[2 * 1024 * 1024])));

    assertThatThrownBy(() -> transport.exchange(HttpRequest.get(uri("/big")).maxResponseBytes(1024 * 1024).build()))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("larger than 1048576 bytes")
        .hasMessageContaining("(it declares 2097152 bytes)")
        .hasMessageContaining("GET http://localhost:");

    assertThat(transport.poolStats().available()).as("the connection is not returned to the pool").isZero();
  }

  @Test
  void refusesAChunkedBodyOverTheBound() {
    server.stubFor(
        get("/big-chunked")
            .willReturn(aResponse().withStatus(200).withBody(new byte[300_000]).withChunkedDribbleDelay(3, 30)));

    assertThatThrownBy(() -> transport.exchange(HttpRequest.get(uri("/big-chunked")).maxResponseBytes(100_000).build()))
        .isExactlyInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("larger than 100000 bytes")
        .hasMessageContaining("(more came)");
  }

  @Test
  void cutsAnErrorBodyOverTheBoundReturnsTheAnswerAndDiscardsTheConnection() {
    String page = "<html><body><h1>502 Bad Gateway</h1>" + "x".repeat(3 * 1024 * 1024) + "</body></html>";
    server.stubFor(get("/bad-gateway").willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));

    HttpResponse response = transport.exchange(HttpRequest.get(uri("/bad-gateway")).maxResponseBytes(1024 * 1024).build());

    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("Content-Type")).contains("text/html");
    assertThat(response.body()).hasSize(1024 * 1024);
    assertThat(new String(response.body(), 0, 37, StandardCharsets.UTF_8)).isEqualTo("<html><body><h1>502 Bad Gateway</h1>x");
    assertThat(transport.poolStats().available()).as("the connection is not returned to the pool").isZero();
  }

  @Test
  void cutsAChunkedErrorBodyOverTheBound() {
    server.stubFor(
        get("/big-error").willReturn(aResponse().withStatus(500).withBody(new byte[300_000]).withChunkedDribbleDelay(3, 30)));

    HttpResponse response = transport.exchange(HttpRequest.get(uri("/big-error")).maxResponseBytes(100_000).build());

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body()).hasSize(100_000);
    assertThat(transport.poolStats().available()).isZero();
  }

  @Test
  void keepsAnErrorBodyOfExactlyTheBoundAndReusesTheConnection() {
    server.stubFor(get("/exact-error").willReturn(aResponse().withStatus(404).withBody(new byte[4096])));

    HttpResponse response = transport.exchange(HttpRequest.get(uri("/exact-error")).maxResponseBytes(4096).build());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).hasSize(4096);
    assertThat(transport.poolStats().available()).as("the connection went back to the pool").isEqualTo(1);
  }

  @Test
  void readsABodyOfExactlyTheBound() {
    server.stubFor(get("/exact").willReturn(aResponse().withStatus(200).withBody(new byte[4096])));

    assertThat(transport.exchange(HttpRequest.get(uri("/exact")).maxResponseBytes(4096).build()).body()).hasSize(4096);
  }

  @Test
  void worksOverAClientOfTheUsersOwnAndLeavesItOpen() throws Exception {
    server.stubFor(
        get("/moved").willReturn(aResponse().withStatus(301).withHeader("Location", server.baseUrl() + "/target")));
    server.stubFor(get("/target").willReturn(aResponse().withStatus(200)));
    try (CloseableHttpClient own = HttpClients.custom().disableAutomaticRetries().build()) {
      ApacheHttpTransport overOwn = ApacheHttpTransport.create(own);

      assertThat(overOwn.exchange(getRequest("/moved")).status()).as("redirects are not followed").isEqualTo(301);
      overOwn.close();

      Integer status = own.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(uri("/target")), r -> r.getCode());
      assertThat(status)
          .as("the user's client still works after the transport is closed")
          .isEqualTo(200);
      assertThatThrownBy(overOwn::poolStats).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void refusesWorkOnceClosed() {
    transport.close();

    assertThatThrownBy(() -> transport.exchange(getRequest("/x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    transport = ApacheHttpTransport.create();
  }

  @Test
  void theBuilderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> ApacheHttpTransport.builder().maxTotal(0))
        .hasMessage("maxTotal must be at least 1, but was 0");
    assertThatThrownBy(() -> ApacheHttpTransport.builder().maxPerRoute(-3))
        .hasMessage("maxPerRoute must be at least 1, but was -3");
    assertThatThrownBy(() -> ApacheHttpTransport.builder().connectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout must be positive, but was PT0S");
  }

  private static List<String> headerNames(LoggedRequest request) {
    return request.getHeaders().all().stream()
        .map(HttpHeader::key)
        .map(name -> name.toLowerCase(Locale.ROOT))
        .collect(Collectors.toList());
  }
}
