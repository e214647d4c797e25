package dev.seedream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedream.GenerationRequest;
import dev.seedream.testkit.FakeRunbase;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page of {@code --report}, read as text (ChromiumContactSheetTest renders it). */
class ContactSheetTest {
  private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\" alt=\"([^\"]*)\"");
  private static FakeRunbase fake;

  @TempDir Path dir;

  @BeforeAll
  static void startFake() {
    fake = SheetBatch.fake();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Test
  void theSheetHasOneCardPerLineImagesLinkedRelativelyAndEveryTextEscaped() throws Exception {
    Cli.Result result = SheetBatch.run(fake, dir);

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    String page = Files.readString(dir.resolve("report/sheet.html"));
    assertThat(count(page, "<li class=\"card ")).isEqualTo(SheetBatch.LINES.size());
    assertThat(page).contains("<dd id=\"succeeded\">4</dd>").contains("<dd id=\"failed\">3</dd>")
        .contains("<dd id=\"not-finished\">0</dd>").contains("Finished.")
        .doesNotContain("<script").doesNotContain("<b>").doesNotContain("http://").doesNotContain("https://")
        .contains("&lt;script&gt;document.title=&#39;injected&#39;&lt;/script&gt;")
        .contains("a teapot &amp; &quot;friends&quot; &lt;b&gt;bold&lt;/b&gt;");
    List<String> sources = new ArrayList<>();
    Matcher images = IMAGE.matcher(page);
    while (images.find()) {
      sources.add(images.group(1));
      assertThat(images.group(2)).isIn("a ceramic lamp", "a tall lighthouse", "a red chair",
          ContactSheetHtml.escape(SheetBatch.HTML_PROMPT));
    }
    assertThat(sources).hasSize(4).allSatisfy(src -> {
      assertThat(src).startsWith("../out/").endsWith(".png");
      assertThat(dir.resolve("report").resolve(src).normalize()).isRegularFile();
    });
    assertThat(page).contains("class=\"card failed\" id=\"line-4\"").contains("The model could not generate an image")
        .contains("class=\"card failed\" id=\"line-6\"").contains("input.aspect_ratio");
    assertThat(requestsUsed(page)).as("a create and at least one poll for each of the five runs, and the refused create")
        .isGreaterThanOrEqualTo(10);
    try (Stream<Path> files = Files.list(dir.resolve("report"))) {
      assertThat(files).as("no temporary page left behind").containsExactly(dir.resolve("report/sheet.html"));
    }
  }

  @Test
  void aResumedBatchRebuildsTheSheetFromTheJournal() throws Exception {
    SheetBatch.run(fake, dir);
    int runs = fake.runs().size();

    Cli.Result again = SheetBatch.again(fake, dir);

    String page = Files.readString(dir.resolve("report/sheet.html"));
    assertThat(count(page, "<li class=\"card ")).isEqualTo(SheetBatch.LINES.size());
    assertThat(count(page, "<li class=\"card succeeded\"")).as(again.toString()).isEqualTo(5);
    assertThat(count(page, "earlier batch")).as("the refused line is created again, the four others were done").isEqualTo(4);
    Matcher images = IMAGE.matcher(page);
    int shown = 0;
    while (images.find()) {
      assertThat(dir.resolve("report").resolve(images.group(1)).normalize()).isRegularFile();
      shown++;
    }
    assertThat(shown).isEqualTo(5);
    assertThat(fake.runs()).as("the resumed batch created only the line refused before").hasSize(runs + 1);
  }

  @Test
  void aBatchOfTenThousandLinesWritesTheSheetABoundedNumberOfTimes() throws Exception {
    List<SheetCard> cards = new ArrayList<>();
    GenerationRequest request = GenerationRequest.builder().prompt("a lamp").build();
    for (int i = 0; i < 10_000; i++) {
      cards.add(SheetCard.waiting(i + 1, request));
    }
    ContactSheet sheet = ContactSheet.open(dir.resolve("sheet.html"), "big", cards, context(), Duration.ofHours(1));
    try {
      for (int i = 0; i < 10_000; i++) {
        sheet.set(i, sheet.card(i).ended(SheetCard.Standing.SUCCEEDED, "succeeded", "run" + i, 1_000_000, List.of(), null));
      }
      assertThat(sheet.writes()).as("written once when opened, not once per line").isEqualTo(1);
    } finally {
      sheet.close();
    }
    assertThat(sheet.writes()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("sheet.html"))).contains("<dd id=\"succeeded\">10000</dd>");
  }

  @Test
  void whileCardsChangeThePageIsRewrittenWithinTheInterval() throws Exception {
    GenerationRequest request = GenerationRequest.builder().prompt("a lamp").build();
    try (ContactSheet sheet = ContactSheet.open(dir.resolve("sheet.html"), "live", List.of(SheetCard.waiting(1, request)), context(),
        Duration.ofMillis(50))) {
      assertThat(Files.readString(dir.resolve("sheet.html"))).contains("In progress").contains("waiting");
      sheet.set(0, sheet.card(0).running());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> Files.readString(dir.resolve("sheet.html")).contains("<span class=\"status\">running</span>"));
    }
    assertThat(Files.readString(dir.resolve("sheet.html"))).contains("Finished.");
  }

  @Test
  void aReportThatIsNotAnHtmlFileIsRefusedBeforeAnythingIsSent() {
    fake.reset();
    Cli.Result result = Cli.in(dir).env("RUNBASE_API_KEY", fake.apiKey())
        .run("generate", "a lamp", "--base-url", fake.baseUrl(), "--report", "sheet.txt");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--report sheet.txt is not an HTML file name: give a name ending in .html");
    assertThat(fake.runs()).isEmpty();
  }

  @Test
  void generateWritesASheetOfItsOneRun() throws Exception {
    fake.reset();
    Cli.Result result = Cli.in(dir).env("RUNBASE_API_KEY", fake.apiKey()).tuning(Cli.FAST)
        .run("generate", "a ceramic lamp", "-a", "3:2", "--base-url", fake.baseUrl(), "-o", "out", "--report", "sheet.html");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String page = Files.readString(dir.resolve("sheet.html"));
    assertThat(count(page, "<li class=\"card succeeded\"")).isEqualTo(1);
    assertThat(page).contains("<img src=\"out/" + fake.runs().get(0).id()).contains("alt=\"a ceramic lamp\"")
        .contains("<dd>3:2</dd>").contains("<dd class=\"run\">" + fake.runs().get(0).id() + "</dd>");
  }

  private CliContext context() {
    return CliContext.of(java.util.Map.of(), new java.io.PrintWriter(new StringWriter()), new java.io.PrintWriter(new StringWriter()),
        new java.io.ByteArrayInputStream(new byte[0]), dir, false);
  }

  private static long requestsUsed(String page) {
    Matcher matcher = Pattern.compile("<dd id=\"requests\">(\\d+)</dd>").matcher(page);
    assertThat(matcher.find()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
