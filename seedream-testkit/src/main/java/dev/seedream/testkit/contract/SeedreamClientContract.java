package dev.seedream.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedream.ApiException;
import dev.seedream.AspectRatio;
import dev.seedream.AuthenticationException;
import dev.seedream.ClientBuilder;
import dev.seedream.GenerationRequest;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.InvalidRequestException;
import dev.seedream.IpNotAllowedException;
import dev.seedream.MalformedResponseException;
import dev.seedream.PermissionDeniedException;
import dev.seedream.PollPolicy;
import dev.seedream.Quality;
import dev.seedream.RateLimitedException;
import dev.seedream.RetryPolicy;
import dev.seedream.Run;
import dev.seedream.RunFailedException;
import dev.seedream.RunId;
import dev.seedream.RunNotFoundException;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamException;
import dev.seedream.ServerException;
import dev.seedream.SpendLimitExceededException;
import dev.seedream.TransportException;
import dev.seedream.UsageExceededException;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.NetworkFault;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every transport (and every client built on the engine) must pass against the fake
 * Runbase: the documented behaviour end to end, over real HTTP on loopback.
 *
 * <p>Extend it and say how to put your transport into a client:
 *
 * <pre>{@code
 * class MyTransportContractTest extends SeedreamClientContract {
 *   final MyTransport transport = MyTransport.create();
 *
 *   protected ClientBuilder<SeedreamClient> withTransport(ClientBuilder<SeedreamClient> builder) {
 *     return builder.transport(transport);
 *   }
 *
 *   protected void assertNoConnectionLeaked() {
 *     assertEquals(0, transport.leasedConnections());
 *     transport.close();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test starts its own fake on dynamic ports and closes it; JUnit makes a new instance of
 * the test class per test, so a transport held in a field is per test too.
 */
public abstract class SeedreamClientContract {
  /** The polling, retries and timeouts of the clients of this suite: fast, for a local fake. */
  protected static final PollPolicy FAST_POLLS =
      PollPolicy.custom()
          .initialDelay(Duration.ofMillis(20))
          .interval(Duration.ofMillis(20))
          .maxInterval(Duration.ofMillis(100))
          .learning(false)
          .build();
  protected static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  /** The attempt timeout of the tests whose answers are 13 MB: the client's default. */
  private static final Duration BIG_ANSWER_TIMEOUT = Duration.ofSeconds(30);
  /** The polls measured by the heap test. */
  private static final int HEAP_POLLS = 6;
  private static final RetryPolicy FAST_RETRIES =
      RetryPolicy.custom().maxAttempts(4).initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(100)).build();
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder()
          .prompt("A cinematic product photo of a ceramic lamp")
          .aspectRatio(AspectRatio.RATIO_16_9)
          .quality(Quality.BASIC)
          .build();

  /** Puts the transport under test into the builder; everything else is set by the suite. */
  protected abstract ClientBuilder<SeedreamClient> withTransport(ClientBuilder<SeedreamClient> builder);

  /** Called after each test, once the client is closed: assert that no connection is still held. */
  protected abstract void assertNoConnectionLeaked();

  private final List<AutoCloseable> open = new ArrayList<>();
  @TempDir protected Path directory;
  private FakeRunbase fake;
  private SeedreamClient client;

  @BeforeEach
  protected final void startFakeAndClient() {
    fake = start(FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)).failWhenPromptContains("[fail]"));
    client = client(fake, builder -> builder);
  }

  @AfterEach
  protected final void stopEverything() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    assertNoConnectionLeaked();
  }

  private FakeRunbase start(FakeRunbase.Builder builder) {
    FakeRunbase started = builder.start();
    open.add(started);
    return started;
  }

  /** Starts a fake whose threads (the server's, and every thread they start) belong to {@code group}. */
  private FakeRunbase startIn(ThreadGroup group, FakeRunbase.Builder builder) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread starter = new Thread(group, () -> {
      try {
        outcome.set(builder.start());
      } catch (RuntimeException | Error e) {
        outcome.set(e);
      }
    }, group.getName() + "-starter");
    starter.start();
    starter.join();
    if (outcome.get() instanceof Throwable) {
      throw new AssertionError("the fake Runbase did not start", (Throwable) outcome.get());
    }
    FakeRunbase started = (FakeRunbase) outcome.get();
    open.add(started);
    return started;
  }

  private SeedreamClient client(FakeRunbase server, UnaryOperator<ClientBuilder<SeedreamClient>> more) {
    return client(server.baseUrl(), server.apiKey(), more);
  }

  private SeedreamClient client(String baseUrl, String apiKey, UnaryOperator<ClientBuilder<SeedreamClient>> more) {
    SeedreamClient made =
        more.apply(
                withTransport(
                    SeedreamClient.builder()
                        .apiKey(apiKey)
                        .baseUrl(baseUrl)
                        .rateBudget(RateBudget.unlimited())
                        .pollPolicy(FAST_POLLS)
                        .retryPolicy(FAST_RETRIES)
                        .attemptTimeout(ATTEMPT_TIMEOUT)
                        .deadline(Duration.ofSeconds(30))))
            .build();
    open.add(made);
    return made;
  }

  @Test
  void generateCreatesPollsAndDownloadsImagesOfTheRequestedRatio() throws IOException {
    Run run = client.generate(REQUEST);

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertFalse(run.outputUrls().isEmpty(), "output URLs");
    List<Path> files = client.download(run, directory.resolve("out"));
    assertEquals(run.outputUrls().size(), files.size());
    for (Path file : files) {
      assertTrue(file.getFileName().toString().endsWith(".png"), file.toString());
      int[] size = pngSize(Files.readAllBytes(file));
      assertEquals(16.0 / 9.0, (double) size[0] / size[1], 0.05, "aspect ratio of " + size[0] + "x" + size[1]);
    }
    fake.journal().assertRunsCreated(1);
    fake.journal().assertEveryApiRequestAuthorized();
    fake.journal().assertNoAuthorizationSentToImageOrigin();
    assertEquals(run.outputUrls().size(), fake.journal().imageRequests().size());
  }

  @Test
  void aRunThatFailsRaisesRunFailedWithTheServersError() {
    RunFailedException failed =
        assertThrows(RunFailedException.class, () -> client.generate(GenerationRequest.builder().prompt("[fail] this").build()));
    assertTrue(failed.error().isPresent(), "the server's error");
    assertEquals(RunStatus.FAILED, failed.run().status());
  }

  @Test
  void anUnknownRunIsNotFound() {
    RunNotFoundException missing = assertThrows(RunNotFoundException.class, () -> client.get(RunId.of("run_does_not_exist")));
    assertEquals("run_not_found", missing.errorCode().orElse(null));
  }

  @Test
  void aWrongKeyIsAnAuthenticationErrorThatDoesNotShowTheKey() {
    SeedreamClient wrong = client(fake, builder -> builder.apiKey("sk-wrong-canary-0123456789"));
    AuthenticationException error = assertThrows(AuthenticationException.class, () -> wrong.submit(REQUEST));
    assertEquals("invalid_api_key", error.errorCode().orElse(null));
    assertFalse(error.getMessage().contains("canary"), error.getMessage());
  }

  /** Every documented error of a create maps to its exception, with the code kept. */
  @ParameterizedTest
  @EnumSource(RunbaseError.class)
  void eachDocumentedErrorMapsToItsException(RunbaseError error) {
    fake.injectNext(Endpoint.CREATE, FAST_RETRIES.maxAttempts(), Failure.error(error));

    ApiException thrown = assertThrows(ApiException.class, () -> client.submit(REQUEST));
    assertInstanceOf(expectedType(error), thrown);
    assertEquals(error.status(), thrown.statusCode());
    assertEquals(error.code(), thrown.errorCode().orElse(null));
    assertEquals(error == RunbaseError.RATE_LIMITED ? FAST_RETRIES.maxAttempts() : 1, fake.journal().createRequests());
    fake.journal().assertRunsCreated(0);
  }

  /** An HTML page from a proxy still maps by its status, with an excerpt for diagnosis. */
  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 403, 404, 429, 500})
  void anHtmlErrorPageMapsByItsStatus(int status) {
    fake.injectNext(Endpoint.GET, FAST_RETRIES.maxAttempts(), Failure.htmlPage(status));

    ApiException thrown = assertThrows(ApiException.class, () -> client.get(RunId.of("run_1")));
    assertEquals(status, thrown.statusCode());
    assertInstanceOf(HTML_TYPES.get(status), thrown);
    assertTrue(thrown.bodyExcerpt().isPresent(), "an excerpt of the HTML");
    assertFalse(thrown.bodyExcerpt().get().contains("\n"), "one line");
  }

  @ParameterizedTest
  @EnumSource(NetworkFault.class)
  void aNetworkFaultOnAPollIsRetried(NetworkFault fault) {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 1, Failure.fault(fault));

    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());
    assertTrue(fake.journal().injected().size() == 1, "the fault was met");
  }

  @ParameterizedTest
  @EnumSource(NetworkFault.class)
  void aCreateThatBrokeAfterItWasSentIsNeverRepeated(NetworkFault fault) {
    fake.injectNext(Endpoint.CREATE, 1, Failure.fault(fault).afterHandling());

    TransportException thrown = assertThrows(TransportException.class, () -> client.submit(REQUEST));
    assertTrue(thrown.requestSent(), "the request was sent");
    assertEquals(1, fake.journal().createRequests());
    assertEquals(1, fake.runs().size(), "the run exists at the server; a retry would have made a second");
  }

  @Test
  void aSlowPollIsRetriedAndASlowCreateIsNot() {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 1, Failure.delay(ATTEMPT_TIMEOUT.multipliedBy(2)));
    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());

    fake.injectNext(Endpoint.CREATE, 1, Failure.delay(ATTEMPT_TIMEOUT.multipliedBy(2)));
    TransportException thrown = assertThrows(TransportException.class, () -> client.submit(REQUEST));
    assertEquals(TransportException.Reason.TIMEOUT, thrown.reason());
    assertEquals(2, fake.journal().createRequests());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void serverErrorsOnAPollAreRetriedWithAndWithoutRetryAfter(int status) {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 1, Failure.serverError(status));
    fake.injectNext(Endpoint.GET, 1, Failure.serverError(status).withRetryAfter(Duration.ofSeconds(1)));

    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());
    assertEquals(2, fake.journal().injected().size());
  }

  @Test
  void aServerErrorOnACreateIsNotRetriedButA503Is() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.serverError(503));
    RunId created = client.submit(REQUEST);
    assertTrue(fake.run(created.value()).isPresent(), "the retried create made the run");
    assertEquals(2, fake.journal().createRequests());

    fake.injectNext(Endpoint.CREATE, 1, Failure.serverError(500));
    assertThrows(ServerException.class, () -> client.submit(REQUEST));
    assertEquals(3, fake.journal().createRequests());
  }

  @Test
  void aClientWhoseBudgetMatchesTheServersLimitNeverMeetsA429() {
    FakeRunbase limited = start(FakeRunbase.builder().rateLimit(10, Duration.ofSeconds(1)).progression(Progression.afterPolls(1, 1)));
    SeedreamClient budgeted = client(limited, builder -> builder.rateBudget(RateBudget.slidingWindow(10, Duration.ofSeconds(1))));
    List<CompletableFuture<Run>> runs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      runs.add(budgeted.async().generate(REQUEST));
    }
    for (CompletableFuture<Run> run : runs) {
      assertEquals(RunStatus.SUCCEEDED, run.join().status());
    }
    limited.journal().assertNeverRateLimited();
    limited.journal().assertRunsCreated(12);
  }

  /**
   * 14 reference images of 700 KB each, as {@code data:} URIs: Runbase echoes {@code input} in every
   * answer, so each answer holds 13 MB, far above the default {@code maxResponseBytes} of 1 MiB.
   */
  @Test
  void aRequestWithFourteenDataImagesOf700KilobytesSucceedsWithTheDefaultBounds() {
    FakeRunbase big = start(FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)));
    SeedreamClient defaults = client(big, builder -> builder.attemptTimeout(BIG_ANSWER_TIMEOUT));
    GenerationRequest request = withDataImages(14, 700 * 1024);

    Run run = defaults.generate(request);

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertFalse(run.outputUrls().isEmpty(), "output URLs");
    big.journal().assertRunsCreated(1);
    assertEquals(request.imageUrls(), big.runs().get(0).input().get("image_urls"), "the fake got every image whole");
    assertEquals(3, big.journal().pollsOf(run.id().value()), "pending, processing, succeeded");
  }

  /** One reference image of 9.5 MB (just under the limit of 10 MB), as a {@code data:} URI: 12.7 MB in every answer. */
  @Test
  void aRequestWithOneDataImageOf9AndAHalfMegabytesSucceedsWithTheDefaultBounds() {
    FakeRunbase big = start(FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)));
    SeedreamClient defaults = client(big, builder -> builder.attemptTimeout(BIG_ANSWER_TIMEOUT));

    Run run = defaults.generate(withDataImages(1, 19 * 512 * 1024));

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertFalse(run.outputUrls().isEmpty(), "output URLs");
    big.journal().assertRunsCreated(1);
  }

  /**
   * Polling a run whose every answer is 13 MB (the echoed input of 14 images of 700 KB) costs the
   * client less than 4 MB of heap per poll.
   *
   * <p>What is measured is what a user feels as heap growth: the bytes the client allocates per
   * poll, garbage included, since garbage is what makes the heap grow between two collections (an
   * SDK that read each answer into memory would allocate 13 MB or more per poll, and the heap would
   * grow by that much with every poll until the next collection). HotSpot counts the bytes each
   * thread allocates; the test sums the counters of every thread that is not the fake server's (the
   * fake is started in a thread group of its own, which every thread it starts inherits), over the
   * polls of one wait, after a first poll that warms connections and buffers. As a check that the
   * counters see what they should, the fake's own threads must have allocated at least the size of
   * the answers they wrote.
   *
   * <p>The heap in use after a full collection is not what is asserted: it would hide the garbage
   * that a user's heap grows by, and it counts what the fake server retains (WireMock's request
   * journal keeps every answer it sent, about 13 MB a poll here), which the client cannot change.
   */
  @Test
  void pollingARunWithA13MegabyteAnswerCostsTheClientLessThan4MegabytesOfHeapPerPoll() throws InterruptedException {
    ThreadGroup fakeThreads = new ThreadGroup("fake-runbase-heap");
    FakeRunbase big = startIn(fakeThreads, FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(HEAP_POLLS, 0)));
    SeedreamClient defaults = client(big, builder -> builder.attemptTimeout(BIG_ANSWER_TIMEOUT));
    GenerationRequest request = withDataImages(14, 700 * 1024);
    long answerBytes = request.imageUrls().stream().mapToLong(String::length).sum();
    RunId id = defaults.submit(request);
    assertEquals(RunStatus.PENDING, defaults.get(id).status());

    ClientHeap heap = ClientHeap.start(fakeThreads);
    Run run = defaults.await(id);
    long clientBytes = heap.allocatedByClient();
    long fakeBytes = heap.allocatedByFake();

    assertEquals(RunStatus.SUCCEEDED, run.status());
    int polls = big.journal().pollsOf(id.value()) - 1;
    assertEquals(HEAP_POLLS, polls, "polls measured");
    assertTrue(fakeBytes / polls > answerBytes,
        "the fake's threads allocated " + fakeBytes / polls + " bytes per poll, less than the " + answerBytes
            + " of each answer: the measurement does not see them");
    assertTrue(clientBytes / polls < 4L * 1024 * 1024,
        "the client allocated " + clientBytes / polls + " bytes per poll of a " + answerBytes + "-byte answer");
  }

  /** A run whose own fields (here its error message) are larger than maxResponseBytes: refused, after reading no more than the bound. */
  @Test
  void aCreateWhoseRunFieldsAreLargerThanMaxResponseBytesIsAMalformedResponse() {
    String run = "{\"id\":\"run_huge_error\",\"status\":\"failed\",\"error\":{\"message\":\""
        + "x".repeat(8 * 1024 * 1024) + "\"}}";
    FixedAnswerServer server = FixedAnswerServer.start(200, "application/json", run);
    open.add(server);
    SeedreamClient defaults = client(server.baseUrl(), "sk-fixed-answer", builder -> builder);

    SeedreamException thrown = assertThrows(SeedreamException.class, () -> defaults.submit(REQUEST));

    MalformedResponseException malformed = causeOfType(thrown, MalformedResponseException.class);
    assertTrue(malformed.getMessage().contains("larger than 1048576 bytes (maxResponseBytes)"), malformed.getMessage());
    assertFalse(thrown.runId().isPresent(), "no run id was read");
    assertEquals(1, server.requests(), "a create that may have reached the server is not sent again");
  }

  /** A proxy's 502 with a page of 5 MB still maps to its status, with an excerpt of the page. */
  @Test
  void a502WithA5MegabyteHtmlPageIsAServerErrorWithAnExcerpt() {
    String page = "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>\n"
        + "<p>The upstream server did not answer.</p>\n".repeat(5 * 1024 * 1024 / 40) + "</body></html>\n";
    FixedAnswerServer server = FixedAnswerServer.start(502, "text/html; charset=utf-8", page);
    open.add(server);
    SeedreamClient defaults = client(server.baseUrl(), "sk-fixed-answer", builder -> builder);

    ServerException thrown = assertThrows(ServerException.class, () -> defaults.get(RunId.of("run_1")));

    assertEquals(502, thrown.statusCode());
    assertTrue(thrown.bodyExcerpt().isPresent(), "an excerpt of the page");
    assertTrue(thrown.bodyExcerpt().get().contains("502 Bad Gateway"), thrown.bodyExcerpt().get());
    assertFalse(thrown.bodyExcerpt().get().contains("\n"), "one line");
    assertEquals(FAST_RETRIES.maxAttempts(), server.requests(), "a 502 on a poll is retried");
  }

  /** A request with {@code count} reference images of {@code bytes} random bytes each, as PNG data URIs. */
  private static GenerationRequest withDataImages(int count, int bytes) {
    Random random = new Random(count * 31L + bytes);
    GenerationRequest.Builder request = GenerationRequest.builder().prompt("Compose these references into one scene");
    for (int i = 0; i < count; i++) {
      byte[] image = new byte[bytes];
      random.nextBytes(image);
      request.addImageUrl("data:image/png;base64," + Base64.getEncoder().encodeToString(image));
    }
    return request.build();
  }

  private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    throw new AssertionError("expected a " + type.getSimpleName() + " in the causes of " + error, error);
  }

  private static final Map<Integer, Class<? extends SeedreamException>> HTML_TYPES =
      Map.of(
          400, InvalidRequestException.class,
          401, AuthenticationException.class,
          402, InsufficientBalanceException.class,
          403, PermissionDeniedException.class,
          404, RunNotFoundException.class,
          429, RateLimitedException.class,
          500, ServerException.class);

  private static Class<? extends SeedreamException> expectedType(RunbaseError error) {
    switch (error) {
      case MISSING_API_KEY:
      case INVALID_API_KEY:
        return AuthenticationException.class;
      case INSUFFICIENT_BALANCE:
        return InsufficientBalanceException.class;
      case API_KEY_SPEND_LIMIT_EXCEEDED:
        return SpendLimitExceededException.class;
      case IP_NOT_ALLOWED:
        return IpNotAllowedException.class;
      case RUN_NOT_FOUND:
        return RunNotFoundException.class;
      case RATE_LIMITED:
        return RateLimitedException.class;
      case USAGE_EXCEEDED:
        return UsageExceededException.class;
      default:
        return InvalidRequestException.class;
    }
  }

  /** Width and height from a PNG's IHDR chunk. */
  private static int[] pngSize(byte[] png) {
    assertTrue(png.length > 24 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
    return new int[] {readInt(png, 16), readInt(png, 20)};
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }
}
