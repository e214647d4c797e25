package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's /__dashboard as headless Chromium renders it; its screenshot is kept in target/browser/.
 * The test that adds a run comes last, so the others see the batch's runs only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChromiumDashboardTest {
  static final Path SCREENSHOT = Path.of("target/browser/dashboard.png");
  private static final Duration REFRESH = Duration.ofSeconds(15);
  private static FakeRunbase fake;
  private static Chromium browser;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    fake = FakeRunbase.builder().progression(Progression.afterPolls(1, 0)).failWhenPromptContains("broken").start();
    browser = Chromium.start();
    SheetBatch.run(fake, dir);
    fake.injectAfter(Endpoint.CREATE, 100, 1, Failure.serverError(503));
    browser.navigate(fake.baseUrl() + "/__dashboard");
    await("the dashboard shows the fake's state").atMost(REFRESH).pollInterval(Duration.ofMillis(100))
        .until(() -> browser.evaluate("document.body.dataset.state").getAsString().equals("live"));
    browser.screenshot(SCREENSHOT, 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.closeAll(browser, fake);
  }

  @Test
  void everyRunIsShownWithItsStateAndItsPromptAsText() throws Exception {
    JsonArray rows = browser.evaluate("Array.from(document.querySelectorAll('#runs tbody tr'))"
        + ".map(r => ({id: r.cells[0].textContent, status: r.cells[1].textContent, prompt: r.cells[5].textContent}))").getAsJsonArray();
    List<FakeRun> runs = fake.runs();
    assertThat(rows).hasSize(runs.size());
    for (int i = 0; i < runs.size(); i++) {
      JsonObject row = rows.get(runs.size() - 1 - i).getAsJsonObject();
      assertThat(row.get("id").getAsString()).as("newest first").isEqualTo(runs.get(i).id());
      assertThat(row.get("status").getAsString()).isEqualTo(runs.get(i).status());
    }
    assertThat(rows.get(0).getAsJsonObject().get("prompt").getAsString()).isEqualTo(SheetBatch.HTML_PROMPT);
    assertThat(browser.evaluate("document.querySelectorAll('#runs b').length").getAsInt()).as("no element from a prompt").isZero();
    assertThat(browser.evaluate("document.querySelector('#runs tr[data-status=failed] .status').textContent").getAsString())
        .isEqualTo("failed");
  }

  @Test
  void theRequestsOfEachWindowAreShownAgainstTheLimit() throws Exception {
    JsonArray windows = browser.evaluate("Array.from(document.querySelectorAll('#windows li'))"
        + ".map(li => ({value: li.querySelector('meter').value, max: li.querySelector('meter').max,"
        + " label: li.querySelector('.count').textContent}))").getAsJsonArray();
    assertThat(windows).hasSize(6);
    long requests = 0;
    for (JsonElement element : windows) {
      JsonObject window = element.getAsJsonObject();
      assertThat(window.get("max").getAsInt()).isEqualTo(20);
      assertThat(window.get("label").getAsString()).startsWith(window.get("value").getAsInt() + " / 20");
      requests += window.get("value").getAsLong();
    }
    assertThat(requests).as("the journal's requests of the last minute").isEqualTo(fake.journal().to(Endpoint.CREATE).size() + fake.journal().to(Endpoint.GET).size());
    assertThat(browser.evaluate("document.getElementById('window').textContent").getAsString()).isEqualTo("10");
  }

  @Test
  void theFaultsInjectedAndStillWaitingAreListed() throws Exception {
    assertThat(browser.evaluate("document.getElementById('injected').textContent").getAsString()).isEqualTo("1");
    assertThat(browser.evaluate("document.getElementById('recent').textContent").getAsString())
        .contains("POST /api/v1/runs: Failure[400 invalid_input]");
    assertThat(browser.evaluate("document.getElementById('waiting').textContent").getAsString())
        .isEqualTo("CREATE: the next 1 after 100 more: Failure[SERVER_ERROR 503]");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void itRefreshesByItself() throws Exception {
    int updates = browser.evaluate("+document.body.dataset.updates").getAsInt();
    int runs = fake.runs().size();
    Cli.Result result = Cli.in(dir).env("RUNBASE_API_KEY", fake.apiKey()).tuning(Cli.FAST)
        .run("generate", "one more lamp", "--base-url", fake.baseUrl(), "-o", "more");
    assertThat(result.exitCode()).as(result.toString()).isZero();

    await("the new run appears without a reload").atMost(REFRESH).pollInterval(Duration.ofMillis(100))
        .until(() -> browser.evaluate("document.querySelectorAll('#runs tbody tr').length").getAsInt() == runs + 1);
    assertThat(browser.evaluate("document.querySelector('#runs tbody tr .prompt').textContent").getAsString()).isEqualTo("one more lamp");
    assertThat(browser.evaluate("+document.body.dataset.updates").getAsInt()).isGreaterThan(updates);
  }
}
