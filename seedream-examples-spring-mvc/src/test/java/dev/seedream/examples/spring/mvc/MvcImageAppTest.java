package dev.seedream.examples.spring.mvc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.micrometer.SeedreamMeterBinder;
import dev.seedream.micrometer.SeedreamObservations;
import dev.seedream.spring.boot.test.AutoConfigureSeedreamFake;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.RunbaseError;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The app as it runs, on a random port, against the fake; its metrics are Boot's own MeterRegistry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureSeedreamFake
class MvcImageAppTest {
  @Value("${local.server.port}") int port;
  @Autowired FakeRunbase fake;
  @Autowired MeterRegistry meters;
  RestClient http;

  @BeforeEach
  void client() {
    SimpleClientHttpRequestFactory connections = new SimpleClientHttpRequestFactory();  // HttpURLConnection: no threads
    connections.setConnectTimeout(Duration.ofSeconds(5));
    connections.setReadTimeout(Duration.ofSeconds(30));
    http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).requestFactory(connections)
        .defaultStatusHandler(status -> true, (request, response) -> { }).build();
  }

  @AfterEach
  void clear() {
    fake.clearInjections();
  }

  private ResponseEntity<String> post(String prompt) {
    return http.post().uri(b -> b.path("/images").queryParam("prompt", prompt).build()).retrieve().toEntity(String.class);
  }

  @Test
  void generatesThroughTheAppsEndpointIntoBootsMetrics() {
    long before = fake.journal().createRequests();
    ResponseEntity<String> response = post("A ceramic lamp");
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).contains("\"status\":\"succeeded\"", "\"images\":[\"http");
    assertThat(fake.journal().createRequests()).isEqualTo(before + 1);

    assertThat(meters.get(SeedreamObservations.OPERATION).tag("seedream.operation", "generate")
        .tag("seedream.transport", "apache").tag("outcome", "success").timer().count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.get("seedream.request").tag("seedream.request.kind", "create").tag("http.status", "200")
        .timer().count()).isGreaterThanOrEqualTo(1);
    assertThat(meters.find(SeedreamMeterBinder.IN_FLIGHT).gauge()).isNotNull();
  }

  @Test
  void anInjected402IsAnswered402AndCountedAsAFailure() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));
    ResponseEntity<String> response = post("A lamp");
    assertThat(response.getStatusCode().value()).isEqualTo(402);
    assertThat(response.getBody()).contains("no balance");
    assertThat(meters.get(SeedreamObservations.OPERATION).tag("outcome", "failure")
        .tag("seedream.error.code", "insufficient_balance").timer().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anInvalidPromptIsRefusedBeforeAnythingIsSent() {
    long before = fake.journal().createRequests();
    ResponseEntity<String> response = post(" ");
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody()).contains("prompt");
    assertThat(fake.journal().createRequests()).isEqualTo(before);
  }
}
