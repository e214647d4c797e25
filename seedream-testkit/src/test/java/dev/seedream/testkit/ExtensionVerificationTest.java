package dev.seedream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension fails a test whose code sent a request that no endpoint of the fake serves. */
class ExtensionVerificationTest {
  private static volatile boolean launched;

  @Test
  void aRequestToAnUnknownPathFailsTheTest() {
    TestExecutionSummary summary = run(StrictFixture.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET")
        .hasMessageContaining("/v1/nowhere");
  }

  @Test
  void theCheckCanBeTurnedOff() {
    TestExecutionSummary summary = run(LenientFixture.class);

    assertThat(summary.getTestsFailedCount()).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
  }

  private static TestExecutionSummary run(Class<?> fixture) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launched = true;
    try {
      LauncherFactory.create().execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(), listener);
    } finally {
      launched = false;
    }
    return listener.getSummary();
  }

  static boolean launched() {
    return launched;
  }

  static void getNowhere(FakeRunbase fake) {
    Http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/nowhere")).GET().build());
  }

  /** Run only through {@link #run}: one test strays, one does not. */
  @EnabledIf("dev.seedream.testkit.ExtensionVerificationTest#launched")
  static class StrictFixture {
    @RegisterExtension
    static FakeRunbaseExtension runbase = FakeRunbaseExtension.newInstance();

    @Test
    void strays(FakeRunbase fake) {
      getNowhere(fake);
    }

    @Test
    void staysOnThePath(FakeRunbase fake) {
      Http.read(fake, "run_x");
    }
  }

  @EnabledIf("dev.seedream.testkit.ExtensionVerificationTest#launched")
  static class LenientFixture {
    @RegisterExtension
    static FakeRunbaseExtension runbase = FakeRunbaseExtension.builder().failOnUnmatchedRequests(false).build();

    @Test
    void strays(FakeRunbase fake) {
      getNowhere(fake);
    }
  }
}
