package dev.seedream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.GenerationRequest;
import dev.seedream.SeedreamClient;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class ErrorsExamplesTest {
  private static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("a ceramic lamp").build();

  @Test
  void aCreateAnswered502AfterTheRunWasMadeIsReportedOnceAndNotSentAgain() {
    try (FakeRunbase fake = FakeRunbase.startDefault(); SeedreamClient client = FakeClients.clientFor(fake)) {
      fake.injectNext(Endpoint.CREATE, 1, Failure.serverError(502).afterHandling());
      StdStreams[] streams = new StdStreams[1];

      assertThat(StdStreams.capture(() -> ErrorsExamples.submitOnce(client, REQUEST), streams)).isEmpty();

      assertThat(streams[0].err).contains("the run may exist (sent at ");
      assertThat(fake.journal().createRequests()).isEqualTo(1);
      assertThat(fake.runs()).hasSize(1);
    }
  }

  @Test
  void aCreateThatWorksPrintsItsId() {
    try (FakeRunbase fake = FakeRunbase.startDefault(); SeedreamClient client = FakeClients.clientFor(fake)) {
      StdStreams[] streams = new StdStreams[1];

      assertThat(StdStreams.capture(() -> ErrorsExamples.submitOnce(client, REQUEST), streams)).isPresent();

      assertThat(streams[0].out).startsWith("created ");
    }
  }
}
