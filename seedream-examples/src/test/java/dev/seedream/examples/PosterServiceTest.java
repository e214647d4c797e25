package dev.seedream.examples;

// tag::poster-service-test[]
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedream.SeedreamClient;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.FakeRunbaseExtension;
import dev.seedream.testkit.Progression;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PosterServiceTest {
  // one fake for the class, reset before each test; unmatched requests fail the test
  @RegisterExtension
  static FakeRunbaseExtension runbase = FakeRunbaseExtension.builder()
      .fake(FakeRunbase.builder().progression(Progression.afterPolls(1, 2)))
      .build();

  @TempDir Path out;

  @Test
  void rendersAPosterAndDownloadsIt(FakeRunbase fake) {
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      PosterService service = new PosterService(client, out);           // your code

      PosterService.Poster poster = service.render("A cinematic product photo of a ceramic lamp");

      assertEquals(1, poster.images().size());
    }
    fake.journal().assertRunsCreated(1);
    fake.journal().assertNoAuthorizationSentToImageOrigin();            // the key never leaves for the CDN
    fake.journal().assertNeverRateLimited();
  }

  @Test
  void survivesAnOverloadedServer(FakeRunbase fake) {
    fake.injectNext(Endpoint.CREATE, 2, Failure.serverError(503).withRetryAfter(Duration.ofSeconds(1)));

    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      new PosterService(client, out).render("A lamp");
    }

    assertEquals(3, fake.journal().createRequests());
    fake.journal().assertRunsCreated(1);
  }
}
// end::poster-service-test[]
