package dev.seedream.testkit;

import static dev.seedream.testkit.Http.id;
import static dev.seedream.testkit.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw injected answers ({@link Failure#answer(int)}) on the three endpoints, over real HTTP. */
class RawAnswerTest {
  private static FakeRunbase fake;

  @BeforeAll
  static void start() {
    fake = FakeRunbase.builder().noRateLimit().balance(new BigDecimal("10.00")).progression(Progression.afterPolls(0, 0)).start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void reset() {
    fake.reset();
  }

  @Test
  void aPollCanMeetA200HtmlPageAndThePollIsNotCounted() {
    String id = id(Http.create(fake, "A lamp"));
    String page = "<html><body>Please sign in to the hotel Wi-Fi</body></html>";
    fake.injectNext(Endpoint.GET, 1, Failure.answer(200).withContentType("text/html; charset=utf-8").withBody(page));

    HttpResponse<String> response = Http.read(fake, id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(page.length()));
    assertThat(response.body()).isEqualTo(page);
    assertThat(fake.run(id).orElseThrow().polls()).as("answered before handling").isZero();
    assertThat(fake.journal().injected()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.endpoint()).isEqualTo(Endpoint.GET);
      assertThat(r.runId()).hasValue(id);
      assertThat(r.errorCode()).isEmpty();
      assertThat(r.injected().orElseThrow().kind()).isEqualTo(Failure.Kind.ANSWER);
    });
  }

  @Test
  void afterHandlingACreateMakesTheRunAndAnswersAnotherRunsId() {
    String other = id(Http.create(fake, "The first lamp"));
    fake.injectNext(Endpoint.CREATE, 1, Failure.answer(200).withContentType("application/json")
        .withBody("{\"id\":\"" + other + "\",\"status\":\"pending\"}").afterHandling());

    HttpResponse<String> response = Http.create(fake, "The second lamp");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(id(response)).isEqualTo(other);
    assertThat(fake.runs()).as("the create really created its own run").hasSize(2);
    String created = fake.runs().get(1).id();
    assertThat(created).isNotEqualTo(other);
    assertThat(fake.balance()).isEqualByComparingTo("9.90");
    assertThat(fake.journal().injected()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.runId()).hasValue(created);
      assertThat(r.injected().orElseThrow().isAfterHandling()).isTrue();
    });
  }

  @Test
  void beforeHandlingACreateMakesNoRunAndChargesNothing() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.answer(201).withContentType("application/json").withBody("{}"));

    HttpResponse<String> response = Http.create(fake, "A lamp");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{}");
    assertThat(fake.runs()).isEmpty();
    assertThat(fake.balance()).isEqualByComparingTo("10.00");
    assertThat(fake.journal().answered(201)).singleElement().satisfies(r -> assertThat(r.injected()).isPresent());
  }

  @Test
  void aSucceededRunWithoutOutputAfterThePollWasCounted() {
    String id = id(Http.create(fake, "A lamp"));
    fake.injectNext(Endpoint.GET, 1, Failure.answer(200).withContentType("application/json")
        .withBody("{\"id\":\"" + id + "\",\"status\":\"succeeded\"}").afterHandling());

    JsonObject run = json(Http.read(fake, id));

    assertThat(run.get("status").getAsString()).isEqualTo("succeeded");
    assertThat(run.has("output")).isFalse();
    assertThat(fake.run(id).orElseThrow().polls()).isEqualTo(1);
    assertThat(fake.run(id).orElseThrow().outputUrls()).as("the fake's own run has its output").hasSize(1);
  }

  @Test
  void anImageCanRedirectToAnFtpUrlOrOneWithUserInfo() {
    String url = imageUrl();
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(302).withHeader("Location", "ftp://cdn.example/a.png"));
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(301).withHeader("Location", "http://user:pw@127.0.0.1:9/a.png"));

    HttpResponse<byte[]> ftp = Http.bytes(url);
    HttpResponse<byte[]> userInfo = Http.bytes(url);

    assertThat(ftp.statusCode()).isEqualTo(302);
    assertThat(ftp.headers().firstValue("Location")).hasValue("ftp://cdn.example/a.png");
    assertThat(ftp.body()).isEmpty();
    assertThat(userInfo.statusCode()).isEqualTo(301);
    assertThat(userInfo.headers().firstValue("Location")).hasValue("http://user:pw@127.0.0.1:9/a.png");
    assertThat(fake.journal().imageRequests()).extracting(RecordedRequest::status).containsExactly(302, 301);
    assertThat(fake.journal().imageRequests()).allSatisfy(r -> assertThat(r.injected()).isPresent());
  }

  @Test
  void anImageCanComeAsTextHtml() {
    String url = imageUrl();
    byte[] png = Http.bytes(url).body();
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200).withContentType("text/html").withBody(png));

    HttpResponse<byte[]> response = Http.bytes(url);

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(response.body()).isEqualTo(png);
  }

  @Test
  void a404CanComeWithoutTheDocumentedCode() {
    String id = id(Http.create(fake, "A lamp"));
    fake.injectNext(Endpoint.GET, 1,
        Failure.answer(404).withContentType("application/json").withBody("{\"error\":{\"message\":\"gone\"}}"));

    HttpResponse<String> response = Http.read(fake, id);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"gone\"}}");
    assertThat(fake.journal().answered(404)).singleElement().satisfies(r -> assertThat(r.errorCode()).isEmpty());
  }

  @Test
  void headersGoOutAsGivenRepeatedAndWithControlCharacters() {
    String url = imageUrl();
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200)
        .withHeader("Set-Cookie", "a=1")
        .withHeader("X-Note", "red \u001b[31mtext")
        .withHeader("set-cookie", "b=2")
        .withRetryAfter("7"));

    RawHttp.Response response = RawHttp.get(url);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers("Set-Cookie")).containsExactly("a=1", "b=2");
    assertThat(response.header("X-Note")).hasValue("red \u001b[31mtext");
    assertThat(response.header("Retry-After")).hasValue("7");
    assertThat(response.header("Content-Type")).as("none unless given").isEmpty();
    assertThat(response.header("Content-Length")).hasValue("0");
    assertThat(response.framing()).isEqualTo(RawHttp.Framing.CONTENT_LENGTH);
  }

  @Test
  void aNoContentAnswerHasNoBody() {
    fake.injectNext(Endpoint.GET, 1, Failure.answer(204));

    HttpResponse<String> response = Http.read(fake, "run_x");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void anHtmlPageCanHaveAnyStatusFrom200() {
    fake.injectNext(Endpoint.GET, 1, Failure.htmlPage(200));

    HttpResponse<String> response = Http.read(fake, "run_x");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains("<h1>200 OK</h1>");
  }

  @Test
  void aBinaryBodyIsSentByteForByte() {
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(500).withContentType("application/octet-stream").withBody(body));

    HttpResponse<byte[]> response = Http.bytes(imageUrl());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo(body);
  }

  private static String imageUrl() {
    String id = id(Http.create(fake, "A lamp"));
    return Http.pollToEnd(fake, id).getAsJsonObject("output").getAsJsonArray("urls").get(0).getAsString();
  }
}
