package dev.seedream.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedream.SeedreamClient;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.WithFakeRunbase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// tag::with-fake-runbase[]
@WithFakeRunbase                       // or @WithFakeRunbase(seed = 7, rateLimit = false)
class QuickTest {
  @Test
  void rendersOnePoster(FakeRunbase fake, @TempDir Path out) {
    try (SeedreamClient client = FakeClients.clientFor(fake)) {
      assertEquals(1, new PosterService(client, out).render("A lamp").images().size());
    }
  }
}
// end::with-fake-runbase[]
