package dev.seedream.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedream.ApiException;
import dev.seedream.AspectRatio;
import dev.seedream.AuthenticationException;
import dev.seedream.CancelledException;
import dev.seedream.ClientBuilder;
import dev.seedream.DeadlineExceededException;
import dev.seedream.DownloadException;
import dev.seedream.GenerationRequest;
import dev.seedream.ImageBytes;
import dev.seedream.ImageInfo;
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
import dev.seedream.RunMayExistException;
import dev.seedream.RunNotFoundException;
import dev.seedream.RunStatus;
import dev.seedream.SeedreamClient;
import dev.seedream.SeedreamException;
import dev.seedream.ServerException;
import dev.seedream.SpendLimitExceededException;
import dev.seedream.TransportException;
import dev.seedream.UsageExceededException;
import dev.seedream.spi.RateBudget;
import dev.seedream.testkit.Bodies;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.NetworkFault;
import dev.seedream.testkit.Progression;
import dev.seedream.testkit.RunbaseError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  void watchTellsEachStatusChangeAndReturnsTheSucceededRun() {
    RunId id = client.submit(REQUEST);
    List<RunStatus> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    Run run = client.watch(id, Duration.ofSeconds(20), update -> seen.add(update.status()));

    assertEquals(RunStatus.SUCCEEDED, run.status());
    assertEquals(RunStatus.SUCCEEDED, seen.get(seen.size() - 1), "the last update: " + seen);
    assertEquals(seen.size(), seen.stream().distinct().count(), "each status once: " + seen);
    assertTrue(seen.contains(RunStatus.PROCESSING), "processing seen: " + seen);
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

  /**
   * An HTML page from a proxy still maps by its status, with an excerpt for diagnosis; a 404 without
   * Runbase's {@code run_not_found} code is not an unknown run but a wrong place.
   */
  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 403, 404, 429, 500})
  void anHtmlErrorPageMapsByItsStatus(int status) {
    fake.injectNext(Endpoint.GET, FAST_RETRIES.maxAttempts(), Failure.htmlPage(status));

    ApiException thrown = assertThrows(ApiException.class, () -> client.get(RunId.of("run_1")));
    assertEquals(status, thrown.statusCode());
    assertInstanceOf(HTML_TYPES.get(status), thrown);
    assertFalse(status == 404 && thrown instanceof RunNotFoundException, "a 404 page is not run_not_found");
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

  /** Money first: a create whose connection broke after it was sent may have made the run. */
  @ParameterizedTest
  @EnumSource(NetworkFault.class)
  void aCreateThatBrokeAfterItWasSentIsNeverRepeatedAndMayExist(NetworkFault fault) {
    fake.injectNext(Endpoint.CREATE, 1, Failure.fault(fault).afterHandling());

    RunMayExistException thrown = assertThrows(RunMayExistException.class, () -> client.submit(REQUEST));
    TransportException cause = assertInstanceOf(TransportException.class, thrown.getCause());
    assertTrue(cause.requestSent(), "the request was sent");
    assertEquals(REQUEST, thrown.input());
    assertEquals(1, fake.journal().createRequests());
    assertEquals(1, fake.runs().size(), "the run exists at the server; a retry would have made a second");
  }

  @Test
  void aSlowPollIsRetriedAndASlowCreateIsNotButMayExist() {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 1, Failure.delay(ATTEMPT_TIMEOUT.multipliedBy(2)));
    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());

    fake.injectNext(Endpoint.CREATE, 1, Failure.delay(ATTEMPT_TIMEOUT.multipliedBy(2)));
    RunMayExistException thrown = assertThrows(RunMayExistException.class, () -> client.submit(REQUEST));
    TransportException cause = assertInstanceOf(TransportException.class, thrown.getCause());
    assertEquals(TransportException.Reason.TIMEOUT, cause.reason());
    assertEquals(2, fake.journal().createRequests());
    assertEquals(2, fake.runs().size(), "the slow create made its run");
  }

  /** Waits retry what is safe to repeat until the deadline, not for a few attempts. */
  @Test
  void moreRateLimitedAnswersThanRetryAttemptsOnPollsDoNotEndTheWait() {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, FAST_RETRIES.maxAttempts() * 2, Failure.error(RunbaseError.RATE_LIMITED));

    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());
    assertEquals(FAST_RETRIES.maxAttempts() * 2, fake.journal().injected().size());
  }

  @Test
  void aCaptivePortalsHtmlPageAnswered200OnAPollIsRetried() {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, FAST_RETRIES.maxAttempts() + 1, Failure.htmlPage(200));

    assertEquals(RunStatus.SUCCEEDED, client.await(id).status());
    assertEquals(FAST_RETRIES.maxAttempts() + 1, fake.journal().injected().size());
  }

  /** The answer is about the run asked for: an answer about another run is a bad answer, retried. */
  @Test
  void aPollAnsweredWithAnotherRunIsNeverTakenAsThisOne() {
    RunId other = client.generate(REQUEST).id();
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 2, Failure.answer(200).withContentType("application/json")
        .withBody("{\"id\":\"" + other.value() + "\",\"status\":\"succeeded\","
            + "\"output\":{\"urls\":[\"" + fake.imageBaseUrl() + "/images/" + other.value() + "/0.png\"]}}"));

    Run run = client.await(id);
    assertEquals(id, run.id());
    assertFalse(run.outputUrls().get(0).toString().contains(other.value()), "the other run's images");
    assertEquals(2, fake.journal().injected().size());
  }

  @Test
  void aSucceededRunWithoutOutputUrlsIsAMalformedAnswerThatSaysSo() {
    RunId id = client.submit(REQUEST);
    fake.injectNext(Endpoint.GET, 1, Failure.answer(200).withContentType("application/json")
        .withBody("{\"id\":\"" + id.value() + "\",\"status\":\"succeeded\"}"));

    MalformedResponseException thrown = assertThrows(MalformedResponseException.class, () -> client.await(id));
    assertTrue(thrown.getMessage().contains("is succeeded, but the answer lists no output URLs"), thrown.getMessage());
  }

  @Test
  void aCreateWhoseAnswerIsNotARunMayHaveMadeTheRunAndIsNotSentAgain() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.htmlPage(200).afterHandling());

    RunMayExistException thrown = assertThrows(RunMayExistException.class, () -> client.submit(REQUEST));
    assertInstanceOf(MalformedResponseException.class, thrown.getCause());
    assertEquals(1, fake.journal().createRequests());
    assertEquals(1, fake.runs().size(), "the run was made and billed");
  }

  @Test
  void aPollThatKeepsFailingEndsAtTheDeadlineWithTheRunIdAndTheLastFailure() {
    RunId id = client.submit(REQUEST);
    fake.injectWithProbability(Endpoint.GET, 1, Failure.serverError(502));

    DeadlineExceededException thrown =
        assertThrows(DeadlineExceededException.class, () -> client.await(id, Duration.ofSeconds(1)));
    assertEquals(id, thrown.runId().orElseThrow());
    assertInstanceOf(ServerException.class, thrown.getCause());
  }

  /** No wait of a create outlives the call's deadline, not even one that the server asks for. */
  @Test
  void aCreateAnsweredWithAHugeRetryAfterEndsAtTheDeadline() {
    fake.injectNext(Endpoint.CREATE, 1, Failure.error(RunbaseError.RATE_LIMITED).withRetryAfter("999999999"));
    Duration deadline = Duration.ofSeconds(2);
    long start = System.nanoTime();

    DeadlineExceededException thrown =
        assertThrows(DeadlineExceededException.class, () -> client.generate(REQUEST, deadline));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(deadline.minusMillis(100)) >= 0 && took.compareTo(deadline.plusSeconds(1)) <= 0,
        "ended after " + took + ", not at the deadline of " + deadline);
    assertTrue(thrown.runId().isEmpty(), "nothing was created");
    assertInstanceOf(RateLimitedException.class, thrown.getCause());
    fake.journal().assertRunsCreated(0);
  }

  /** An attempt never outlives the call's deadline, whatever the attempt timeout. */
  @Test
  void aSlowCreateIsCutAtTheCallsDeadlineAndMayExist() {
    SeedreamClient patient = client(fake, builder -> builder.attemptTimeout(Duration.ofSeconds(30)));
    fake.injectNext(Endpoint.CREATE, 1, Failure.delay(Duration.ofSeconds(10)));
    long start = System.nanoTime();

    RunMayExistException thrown =
        assertThrows(RunMayExistException.class, () -> patient.submit(REQUEST, Duration.ofSeconds(2)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(Duration.ofSeconds(3)) <= 0, "ended after " + took);
    assertEquals(1, fake.journal().createRequests(), "the create reached the server, and was not sent again");
    assertInstanceOf(TransportException.class, thrown.getCause());
  }

  /** Text a server sent reaches messages escaped: it cannot drive the user's terminal. */
  @Test
  void terminalEscapesInAnErrorMessageAreEscaped() {
    fake.injectNext(Endpoint.CREATE, 1,
        Failure.error(RunbaseError.INVALID_INPUT, "bad input\u001b]0;owned\u0007\u001b[2J"));

    InvalidRequestException thrown = assertThrows(InvalidRequestException.class, () -> client.submit(REQUEST));
    assertFalse(thrown.getMessage().contains("\u001b"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("\u0007"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("bad input\\u001B]0;owned\\u0007\\u001B[2J"), thrown.getMessage());
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

    fake.injectNext(Endpoint.CREATE, 1, Failure.serverError(500).afterHandling());
    RunMayExistException thrown = assertThrows(RunMayExistException.class, () -> client.submit(REQUEST));
    assertInstanceOf(ServerException.class, thrown.getCause());
    assertEquals(3, fake.journal().createRequests());
    assertEquals(2, fake.runs().size(), "the 500 came after the run was made: not sent again");
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

  /** Downloads: bounded by maxImageBytes, whether the size is declared truly, falsely or not at all. */
  @ParameterizedTest
  @ValueSource(strings = {"chunked", "declared", "declared falsely"})
  void anImagePastMaxImageBytesFailsAtOnceAndLeavesNoFile(String size) throws IOException {
    SeedreamClient bounded = client(fake, builder -> builder.maxImageBytes(64 * 1024));
    Run run = bounded.generate(REQUEST);
    Failure image = Failure.answer(200).withContentType("image/png");
    Failure big = size.equals("chunked")
        ? image.withBody(Bodies.pngLike(1024 * 1024)).chunked()
        : size.equals("declared")
            ? image.withBody(Bodies.pngLike(1024 * 1024))
            : image.withBody(Bodies.pngLike(1000)).withDeclaredContentLength(10L * 1024 * 1024 * 1024);
    fake.injectNext(Endpoint.IMAGE, FAST_RETRIES.maxAttempts(), big);

    DownloadException thrown = assertThrows(DownloadException.class, () -> bounded.download(run, out()));
    assertTrue(thrown.getMessage().contains("larger than maxImageBytes, 65536 bytes"), thrown.getMessage());
    assertEquals(1, fake.journal().imageRequests().size(), "not retried");
    assertNoFileIn(out());
  }

  @Test
  void anAnswerThatIsNotAnImageFailsNamingWhatCameEscapedAndLeavesNoFile() throws IOException {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, FAST_RETRIES.maxAttempts(), Failure.answer(200).withContentType("text/html; charset=utf-8")
        .withBody("<html>\u001b[2JSign in to continue</html>"));

    DownloadException thrown = assertThrows(DownloadException.class, () -> client.download(run, out()));
    assertTrue(thrown.getMessage().contains("is not an image: its Content-Type is 'text/html; charset=utf-8'"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("<html>\\u001B[2JSign in"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("\u001b"), "no raw escape character");
    assertEquals(1, fake.journal().imageRequests().size(), "not retried");
    assertNoFileIn(out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/"})
  void aPathPrefixOfTheBaseUrlIsKeptOnEveryRequest(String trailing) {
    PrefixProxy proxy = PrefixProxy.start("/proxy", fake.baseUrl());
    open.add(proxy);
    SeedreamClient viaProxy = client(proxy.baseUrl() + trailing, fake.apiKey(), builder -> builder);

    Run run = viaProxy.generate(REQUEST);

    assertEquals(RunStatus.SUCCEEDED, run.status());
    List<String> paths = proxy.paths();
    assertEquals("/proxy/api/v1/runs", paths.get(0), "the create, under the prefix: " + paths);
    assertTrue(paths.size() >= 2, "a create and a poll: " + paths);
    for (String path : paths.subList(1, paths.size())) {
      assertEquals("/proxy/api/v1/runs/" + run.id().value(), path, "a poll, under the prefix: " + paths);
    }
    fake.journal().assertRunsCreated(1);
  }

  @Test
  void aSinkGetsEachImageWithItsTypeAndTheSameBytesAsTheOtherDownloads() throws IOException {
    FakeRunbase two = start(FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)).imagesPerRun(2));
    SeedreamClient twoImages = client(two, builder -> builder);
    Run run = twoImages.generate(REQUEST);
    RecordingSink sink = new RecordingSink();

    List<ImageInfo> sent = twoImages.download(run, sink);
    List<ImageBytes> inMemory = twoImages.downloadBytes(run);
    List<Path> files = twoImages.download(run, out());

    assertEquals(sink.opened, sent);
    assertEquals(sent, sink.closed, "each stream closed once whole");
    assertTrue(sink.failed.isEmpty(), "none failed");
    for (int i = 0; i < 2; i++) {
      ImageInfo info = sent.get(i);
      assertEquals(run.id(), info.runId());
      assertEquals(i, info.index());
      assertEquals("image/png", info.mediaType());
      assertEquals(files.get(i).getFileName().toString(), info.fileName());
      byte[] file = Files.readAllBytes(files.get(i));
      assertTrue(pngSize(file)[0] > 0);
      assertEquals(Base64.getEncoder().encodeToString(file), Base64.getEncoder().encodeToString(sink.bytesOf(i)));
      assertEquals(Base64.getEncoder().encodeToString(file), Base64.getEncoder().encodeToString(inMemory.get(i).bytes()));
      assertEquals(info, inMemory.get(i).info());
      info.declaredLength().ifPresent(length -> assertEquals(file.length, length));
    }
    assertEquals(6, two.journal().imageRequests().size());
    assertTrue(two.journal().imageRequests().stream().noneMatch(request -> request.hadAuthorization()),
        "no key to the image origin");
  }

  @Test
  void aSinkAndDownloadBytesAreBoundedByMaxImageBytes() {
    SeedreamClient bounded = client(fake, builder -> builder.maxImageBytes(64 * 1024));
    Run run = bounded.generate(REQUEST);
    Failure big = Failure.answer(200).withContentType("image/png").withBody(Bodies.pngLike(1024 * 1024)).chunked();
    fake.injectNext(Endpoint.IMAGE, 2, big);
    RecordingSink sink = new RecordingSink();

    DownloadException toSink = assertThrows(DownloadException.class, () -> bounded.download(run, sink));
    DownloadException toMemory = assertThrows(DownloadException.class, () -> bounded.downloadBytes(run));

    for (DownloadException thrown : List.of(toSink, toMemory)) {
      assertTrue(thrown.getMessage().contains("larger than maxImageBytes, 65536 bytes"), thrown.getMessage());
    }
    assertEquals(2, fake.journal().imageRequests().size(), "neither retried");
    assertEquals(sink.opened, sink.failed, "the sink is told of the image that failed");
    assertTrue(sink.bytesOf(0).length <= 64 * 1024, "at most maxImageBytes went to the sink");
  }

  @Test
  void anAnswerThatIsNotAnImageNeverReachesTheSink() {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, 2, Failure.answer(200).withContentType("text/html").withBody("<html>Sign in</html>"));
    RecordingSink sink = new RecordingSink();

    DownloadException toSink = assertThrows(DownloadException.class, () -> client.download(run, sink));
    DownloadException toMemory = assertThrows(DownloadException.class, () -> client.downloadBytes(run));

    assertTrue(toSink.getMessage().contains("is not an image"), toSink.getMessage());
    assertTrue(toMemory.getMessage().contains("is not an image"), toMemory.getMessage());
    assertTrue(sink.opened.isEmpty(), "no stream opened: " + sink.opened);
  }

  @Test
  void aSinkDownloadRefusesAnOutputUrlWithUserInfoWithoutARequest() {
    Run run = client.generate(REQUEST);
    URI url = run.outputUrls().get(0);
    Run odd = run.toBuilder()
        .outputUrls(List.of(URI.create(url.getScheme() + "://user:hunter2@" + url.getRawAuthority() + url.getRawPath())))
        .build();
    RecordingSink sink = new RecordingSink();

    assertThrows(DownloadException.class, () -> client.download(odd, sink));
    assertThrows(DownloadException.class, () -> client.downloadBytes(odd));
    assertEquals(0, fake.journal().imageRequests().size());
    assertTrue(sink.opened.isEmpty());
  }

  @Test
  void theExtensionOfAnImageComesFromItsBytesNotFromItsUrl() throws IOException {
    Run run = client.generate(REQUEST);
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1};
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(200).withContentType("application/octet-stream").withBody(jpeg));

    List<Path> files = client.download(run, out());
    assertTrue(run.outputUrls().get(0).getPath().endsWith(".png"), "the URL says png");
    assertEquals(List.of(run.id().value() + "-1.jpg"), List.of(files.get(0).getFileName().toString()));
    assertEquals(jpeg.length, Files.size(files.get(0)));
  }

  @Test
  void aFailedImageLeavesNoFileOfTheCallBehind() throws IOException {
    FakeRunbase two = start(FakeRunbase.builder().noRateLimit().progression(Progression.afterPolls(1, 1)).imagesPerRun(2));
    SeedreamClient twoImages = client(two, builder -> builder);
    Run run = twoImages.generate(REQUEST);
    two.injectAfter(Endpoint.IMAGE, 1, 1, Failure.answer(404).withContentType("text/plain").withBody("gone"));

    DownloadException thrown = assertThrows(DownloadException.class, () -> twoImages.download(run, out()));
    assertEquals(404, thrown.statusCode());
    assertEquals(2, two.journal().imageRequests().size());
    assertNoFileIn(out());
  }

  @Test
  void closingTheClientCancelsADownloadInFlightAndDeletesItsPartFile() throws Exception {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.delay(Duration.ofSeconds(30)));
    CompletableFuture<List<Path>> download = client.async().download(run, out());
    DirectoryWatch.awaitUntil(out(), files -> files.size() == 1 && files.get(0).endsWith(".part"), Duration.ofSeconds(20));

    client.close();

    assertNoFileIn(out());
    CompletionException thrown = assertThrows(CompletionException.class, download::join);
    assertInstanceOf(CancelledException.class, thrown.getCause());
  }

  @Test
  void cancellingADownloadDeletesItsPartFile() throws Exception {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.delay(Duration.ofSeconds(30)));
    CompletableFuture<List<Path>> download = client.async().download(run, out());
    DirectoryWatch.awaitUntil(out(), files -> files.size() == 1, Duration.ofSeconds(20));

    download.cancel(true);

    DirectoryWatch.awaitUntil(out(), List::isEmpty, Duration.ofSeconds(20));
    assertNoFileIn(out());
  }

  /**
   * The JVM ends on SIGINT (Ctrl-C) or SIGTERM while an image is on its way: the part file goes with
   * it. Runs {@link DownloadChild} in a JVM of its own, whose client uses the transport found on the
   * test classpath.
   */
  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalThatEndsTheJvmDuringADownloadLeavesNoPartFile(String signal) throws Exception {
    Path out = out();
    try (ChildJvm child = ChildJvm.start("interrupt", out, 0)) {
      child.awaitLine("DOWNLOADING", Duration.ofSeconds(120));
      assertEquals(1, DirectoryWatch.files(out).size(), "the part file of the download under way");

      child.signal(signal);

      assertEquals(signal.equals("INT") ? 130 : 143, child.awaitExit(Duration.ofSeconds(60)), child.output());
    }
    assertNoFileIn(out);
  }

  /**
   * A local write error (here a file size limit, {@code ulimit -f}, as a full disk would be) fails
   * the download at once: the image is fetched once, not retried as if the network had failed.
   */
  @Test
  void aLocalWriteErrorFailsAtOnceWithoutRetryAndLeavesNoFile() throws Exception {
    Path out = out();
    try (ChildJvm child = ChildJvm.start("write-error", out, 1024)) {
      assertEquals("FAILED " + DownloadException.class.getName(), child.awaitLine("FAILED", Duration.ofSeconds(120)), child.output());
      String message = child.awaitLine("MESSAGE", Duration.ofSeconds(10));
      assertTrue(message.contains("cannot write image 1 of run"), message);
      assertEquals("IMAGE_REQUESTS 1", child.awaitLine("IMAGE_REQUESTS", Duration.ofSeconds(10)), child.output());
      assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child.output());
    }
    assertNoFileIn(out);
  }

  @Test
  void anOutputUrlWithUserInfoFailsAtOnceWithoutARequest() {
    Run run = client.generate(REQUEST);
    URI url = run.outputUrls().get(0);
    URI withUser = URI.create(url.getScheme() + "://user:hunter2@" + url.getRawAuthority() + url.getRawPath());
    Run odd = run.toBuilder().outputUrls(List.of(withUser)).build();

    DownloadException thrown = assertThrows(DownloadException.class, () -> client.download(odd, out()));
    assertTrue(thrown.getMessage().contains("user info"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("hunter2"), thrown.getMessage());
    assertEquals(0, fake.journal().imageRequests().size());
    assertFalse(Files.exists(out()), "not even the directory was made");
  }

  /** A redirect may go to http(s) only, with a host and no user info; what a server sent never ends in an IllegalArgumentException. */
  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1/a.png", "file:///etc/passwd", "http://user:hunter2@127.0.0.1/a.png",
      "mailto:someone@example.com", "http://exa mple/a.png", "http://[::1/a.png"})
  void aRedirectToAnythingButAPlainHttpUrlFailsAtOnceAndLeavesNoFile(String location) throws IOException {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, FAST_RETRIES.maxAttempts(), Failure.answer(302).withHeader("Location", location));

    DownloadException thrown = assertThrows(DownloadException.class, () -> client.download(run, out()));
    assertEquals(302, thrown.statusCode());
    assertTrue(thrown.getMessage().contains("redirects to"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("hunter2"), thrown.getMessage());
    assertEquals(1, fake.journal().imageRequests().size(), "neither followed nor retried");
    assertNoFileIn(out());
  }

  @Test
  void aRelativeRedirectIsFollowed() throws IOException {
    Run run = client.generate(REQUEST);
    fake.injectNext(Endpoint.IMAGE, 1, Failure.answer(302).withHeader("Location", run.outputUrls().get(0).getRawPath()));

    List<Path> files = client.download(run, out());
    assertEquals(1, files.size());
    assertEquals(2, fake.journal().imageRequests().size());
    assertTrue(pngSize(Files.readAllBytes(files.get(0)))[0] > 0);
  }

  private Path out() {
    return directory.resolve("out");
  }

  private static void assertNoFileIn(Path dir) throws IOException {
    if (Files.exists(dir)) {
      assertEquals(List.of(), DirectoryWatch.files(dir), "files left in " + dir);
    }
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
  void aCreateWhoseRunFieldsAreLargerThanMaxResponseBytesIsAMalformedAnswerAndMayExist() {
    String run = "{\"id\":\"run_huge_error\",\"status\":\"failed\",\"error\":{\"message\":\""
        + "x".repeat(8 * 1024 * 1024) + "\"}}";
    SeedreamClient patient = client(fake, builder -> builder.attemptTimeout(BIG_ANSWER_TIMEOUT));
    fake.injectNext(Endpoint.CREATE, 1, Failure.answer(200).withContentType("application/json").withBody(run).afterHandling());

    RunMayExistException thrown = assertThrows(RunMayExistException.class, () -> patient.submit(REQUEST));

    MalformedResponseException malformed = assertInstanceOf(MalformedResponseException.class, thrown.getCause());
    assertTrue(malformed.getMessage().contains("larger than 1048576 bytes (maxResponseBytes)"), malformed.getMessage());
    assertEquals(1, fake.journal().createRequests(), "a create that may have reached the server is not sent again");
  }

  /** A proxy's 502 with a page of 5 MB still maps to its status, with an excerpt of the page. */
  @Test
  void a502WithA5MegabyteHtmlPageIsAServerErrorWithAnExcerpt() {
    String page = "<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>\n"
        + "<p>The upstream server did not answer.</p>\n".repeat(5 * 1024 * 1024 / 40) + "</body></html>\n";
    SeedreamClient patient = client(fake, builder -> builder.attemptTimeout(BIG_ANSWER_TIMEOUT));
    fake.injectNext(Endpoint.GET, FAST_RETRIES.maxAttempts(),
        Failure.answer(502).withContentType("text/html; charset=utf-8").withBody(page));

    ServerException thrown = assertThrows(ServerException.class, () -> patient.get(RunId.of("run_1")));

    assertEquals(502, thrown.statusCode());
    assertTrue(thrown.bodyExcerpt().isPresent(), "an excerpt of the page");
    assertTrue(thrown.bodyExcerpt().get().contains("502 Bad Gateway"), thrown.bodyExcerpt().get());
    assertFalse(thrown.bodyExcerpt().get().contains("\n"), "one line");
    assertEquals(FAST_RETRIES.maxAttempts(), fake.journal().injected().size(), "a 502 on a poll is retried");
  }

  /**
   * A status line that is not HTTP, with terminal escapes in it: whatever the transport makes of it,
   * the message that reaches the user holds no raw control character.
   */
  @Test
  void aGarbledStatusLineEndsInAMessageWithoutRawControlCharacters() throws Exception {
    try (java.net.ServerSocket garbler = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        while (!garbler.isClosed()) {
          try (java.net.Socket socket = garbler.accept()) {
            socket.getInputStream().read(new byte[8192]);
            socket.getOutputStream().write("HTTP/1.1 2\u001b]0;owned\u0007\u001b[2J OK\r\nX-\u001b[31m: y\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
          } catch (IOException e) {
            // closed: the test is over
          }
        }
      }, "garbled-status-line");
      answering.setDaemon(true);
      answering.start();
      SeedreamClient garbled = client("http://127.0.0.1:" + garbler.getLocalPort(), fake.apiKey(), builder -> builder);

      SeedreamException thrown = assertThrows(SeedreamException.class, () -> garbled.get(RunId.of("run_1")));

      for (Throwable shown = thrown; shown instanceof SeedreamException; shown = shown.getCause()) {
        assertFalse(shown.getMessage().chars().anyMatch(c -> c == 0x1b || c == 0x07), shown.getMessage());
      }
      garbler.close();
      answering.join(10_000);
      assertFalse(answering.isAlive(), "the garbling server stopped");
    }
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
          404, ApiException.class,
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
