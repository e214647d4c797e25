package dev.seedream.examples.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.micrometer.SeedreamMeterBinder;
import dev.seedream.micrometer.SeedreamObservations;
import dev.seedream.spring.boot.test.AutoConfigureSeedreamFake;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.RunbaseError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The app as it runs, on a random port, against the fake; BlockHound (blockhound-junit-platform) fails
 * any blocking call on a Netty or Reactor thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureSeedreamFake
class WebFluxImageAppTest {
  @TestConfiguration(proxyBeanMethods = false)
  static class Observed {
    @Bean
    TestObservationRegistry observationRegistry() {
      return TestObservationRegistry.create();
    }
  }

  @Value("${local.server.port}") int port;
  @Autowired FakeRunbase fake;
  @Autowired TestObservationRegistry observations;
  @Autowired MeterRegistry meters;

  @AfterEach
  void clear() {
    fake.clearInjections();
  }

  /** A POST to the app; the connection is closed before it returns (HttpURLConnection: no client threads left). */
  private Answer post(String prompt) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/images?prompt=" + URLEncoder.encode(prompt, StandardCharsets.UTF_8));
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setRequestMethod("POST");
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(30_000);
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return new Answer(status, body == null ? "" : new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
      }
    } finally {
      connection.disconnect();
    }
  }

  record Answer(int statusCode, String body) {}

  @Test
  void generatesThroughTheAppsEndpointAndIsObserved() throws Exception {
    long before = fake.journal().createRequests();
    Answer response = post("A ceramic lamp");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"succeeded\"", "\"images\":[\"http");
    assertThat(fake.journal().createRequests()).isEqualTo(before + 1);

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo(SeedreamObservations.OPERATION).that()
        .hasLowCardinalityKeyValue("seedream.transport", "reactor")
        .hasLowCardinalityKeyValue("outcome", "success");
    assertThat(meters.find(SeedreamMeterBinder.IN_FLIGHT).gauge()).isNotNull();
    assertThat(meters.find(SeedreamMeterBinder.WAITING).gauge()).isNotNull();
  }

  @Test
  void anInjected402IsAnsweredAs402() throws Exception {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.INSUFFICIENT_BALANCE));
    Answer response = post("A lamp");
    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.body()).contains("no balance");
  }

  @Test
  void anInvalidPromptIsRefusedBeforeAnythingIsSent() throws Exception {
    long before = fake.journal().createRequests();
    Answer response = post(" ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("prompt");
    assertThat(fake.journal().createRequests()).isEqualTo(before);
  }
}
