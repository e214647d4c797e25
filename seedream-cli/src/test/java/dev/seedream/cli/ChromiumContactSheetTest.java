package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.seedream.testkit.FakeRunbase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact sheet of a batch as headless Chromium renders it; its screenshot (at 90%, to keep the
 * copy in docs/images small) is kept in target/browser/.
 */
class ChromiumContactSheetTest {
  static final Path SCREENSHOT = Path.of("target/browser/contact-sheet.png");
  private static FakeRunbase fake;
  private static Chromium browser;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    fake = SheetBatch.fake();
    browser = Chromium.start();
    Cli.Result result = SheetBatch.run(fake, dir);
    assertThat(result.err()).as(result.toString()).contains("LINE");
    browser.navigate(dir.resolve("report/sheet.html").toUri().toString());
    browser.screenshot(SCREENSHOT, 0.9);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.closeAll(browser, fake);
  }

  @Test
  void thePageHasOneCardPerLineWithItsHeading() throws Exception {
    assertThat(browser.evaluate("document.querySelectorAll('ol.sheet > li.card > figure').length").getAsInt())
        .isEqualTo(SheetBatch.LINES.size());
    assertThat(browser.evaluate("document.querySelectorAll('li.card h3').length").getAsInt()).isEqualTo(SheetBatch.LINES.size());
    assertThat(browser.evaluate("document.querySelector('h1').textContent").getAsString()).isEqualTo("seedream batch: prompts.txt");
    assertThat(browser.evaluate("document.getElementById('succeeded').textContent").getAsString()).isEqualTo("4");
    assertThat(browser.evaluate("document.getElementById('failed').textContent").getAsString()).isEqualTo("3");
  }

  @Test
  void theServersHtmlIsShownAsTextAndInjectsNothing() throws Exception {
    assertThat(browser.evaluate("document.querySelector('#line-5 .error').textContent").getAsString()).contains(SheetBatch.HOSTILE);
    assertThat(browser.evaluate("document.scripts.length").getAsInt()).isZero();
    assertThat(browser.evaluate("document.querySelectorAll('img[src=\"x\"], b').length").getAsInt()).isZero();
    assertThat(browser.evaluate("document.title").getAsString()).isEqualTo("seedream batch: prompts.txt");
    assertThat(browser.evaluate("document.querySelector('#line-7 .prompt').textContent").getAsString()).isEqualTo(SheetBatch.HTML_PROMPT);
  }

  @Test
  void everyImageIsLoadedAtTheAspectRatioOfItsLineWithThePromptAsAltText() throws Exception {
    JsonElement images = browser.evaluate("Array.from(document.images).map(i => ({complete: i.complete, width: i.naturalWidth,"
        + " height: i.naturalHeight, line: +i.closest('li').id.substring(5), alt: i.alt,"
        + " shownRatio: i.getBoundingClientRect().width / i.getBoundingClientRect().height,"
        + " link: i.parentElement.tagName + ' ' + i.parentElement.getAttribute('href')}))");
    assertThat(images.getAsJsonArray()).hasSize(SheetBatch.RATIOS.size());
    for (JsonElement element : images.getAsJsonArray()) {
      JsonObject image = element.getAsJsonObject();
      int line = image.get("line").getAsInt();
      double ratio = SheetBatch.RATIOS.get(line);
      assertThat(image.get("complete").getAsBoolean()).as(image.toString()).isTrue();
      assertThat(image.get("width").getAsInt()).as(image.toString()).isPositive();
      assertThat(image.get("width").getAsDouble() / image.get("height").getAsDouble()).as(image.toString()).isCloseTo(ratio, within(0.05));
      assertThat(image.get("shownRatio").getAsDouble()).as("the card shows it at its ratio: " + image).isCloseTo(ratio, within(0.05));
      assertThat(image.get("alt").getAsString()).isEqualTo(SheetBatch.LINES.get(line - 1).startsWith("{")
          ? SheetBatch.LINES.get(line - 1).replaceAll(".*\"prompt\": \"([^\"]+)\".*", "$1") : SheetBatch.LINES.get(line - 1));
      assertThat(image.get("link").getAsString()).startsWith("A ../out/");
    }
  }

  @Test
  void theKeyboardReachesTheFullImagesAndShowsWhereTheFocusIs() throws Exception {
    browser.evaluate("document.activeElement && document.activeElement.blur(), true");
    browser.pressTab();

    JsonObject focused = browser.evaluate("(() => { const a = document.activeElement, s = getComputedStyle(a);"
        + " return {tag: a.tagName, href: a.getAttribute('href'), outline: s.outlineStyle, width: s.outlineWidth}; })()").getAsJsonObject();
    assertThat(focused.get("tag").getAsString()).isEqualTo("A");
    assertThat(focused.get("href").getAsString()).startsWith("../out/").endsWith(".png");
    assertThat(focused.get("outline").getAsString()).isEqualTo("solid");
    assertThat(focused.get("width").getAsString()).isEqualTo("3px");
  }
}
