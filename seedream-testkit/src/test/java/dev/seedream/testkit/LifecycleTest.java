package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting, stopping and configuring the fake. */
class LifecycleTest {

  @Test
  void closeLeavesNoThreadsBehind() throws Exception {
    Set<Long> before = threadIds();
    FakeRunbase fake = FakeRunbase.builder().start();
    URL health = URI.create(fake.baseUrl() + "/__control/health").toURL();
    try (var in = health.openStream()) {
      assertThat(new String(in.readAllBytes())).contains("ok");
    }
    assertThat(threadIds()).as("the servers run threads").hasSizeGreaterThan(before.size());

    Set<Thread> started = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t.getId()))
        .filter(t -> !t.getName().equals("Keep-Alive-Timer")) // the JDK's URL connection cache, not the fake's
        .collect(Collectors.toSet());

    fake.close();

    long deadline = System.nanoTime() + 10_000_000_000L;
    for (Thread t : started) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    assertThat(started.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
    assertThat(fake.isRunning()).isFalse();
  }

  @Test
  void aFakeStartsOnceAndNotAfterClose() {
    FakeRunbase fake = FakeRunbase.builder().build();
    assertThatThrownBy(fake::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("call start() first");
    fake.start();
    try {
      assertThatThrownBy(fake::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    } finally {
      fake.close();
    }
    fake.close();
    assertThatThrownBy(fake::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void theApiAndTheImagesHaveTheirOwnOrigins() {
    try (FakeRunbase fake = FakeRunbase.startDefault()) {
      assertThat(fake.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(fake.imageBaseUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(fake.baseUrl());
      assertThat(fake.apiKey()).startsWith("sk-test-");
      assertThat(fake.toString()).doesNotContain(fake.apiKey());
    }
  }

  @Test
  void theJournalKeepsOnlyTheLastEntries() {
    try (FakeRunbase fake = FakeRunbase.builder().journalSize(3).start()) {
      for (int i = 0; i < 5; i++) {
        Http.read(fake, "run_" + i);
      }

      assertThat(fake.journal().all()).extracting(RecordedRequest::sequence).containsExactly(3L, 4L, 5L);
      assertThat(fake.journal().all()).extracting(r -> r.runId().orElseThrow()).containsExactly("run_2", "run_3", "run_4");
    }
  }

  @Test
  void badSettingsAreRefusedWithTheBadValueButNeverAKey() {
    assertThatThrownBy(() -> FakeRunbase.builder().apiKeys("secret-without-prefix"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sk-").hasMessageNotContaining("secret-without-prefix");
    assertThatThrownBy(() -> FakeRunbase.builder().balance(new BigDecimal("-1")))
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> FakeRunbase.builder().rateLimit(0, java.time.Duration.ofSeconds(1)))
        .hasMessageContaining("noRateLimit()");
    assertThatThrownBy(() -> Progression.afterPolls(1, 1).accelerated(10))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Failure.serverError(404)).hasMessageContaining("404");
  }

  private static Set<Long> threadIds() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
  }
}
