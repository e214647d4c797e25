package dev.seedream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedream.spi.BodySink;
import dev.seedream.spi.HttpRequest;
import dev.seedream.spi.HttpResponse;
import dev.seedream.spi.HttpTransport;
import dev.seedream.spi.RateBudget;
import dev.seedream.testing.TextCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where a blocking client's exchanges run: on the caller's thread when the transport enforces its
 * timeout and the permit is free at once, on the client's {@code seedream-io} threads otherwise.
 */
class CallerThreadTest {
  private static final RunId RUN = RunId.of("run-1");
  private static final GenerationRequest REQUEST = GenerationRequest.builder().prompt("lamp").build();

  private SeedreamClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void aGetRunsOnTheCallersThreadWhenTheTransportEnforcesItsTimeout() {
    Recording transport = new Recording(true, request -> answer(200, TextCodec.run("run-1", "pending")));
    client = client(transport, b -> b);

    assertThat(client.get(RUN).status()).isEqualTo(RunStatus.PENDING);

    assertThat(transport.threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void aTransportThatDoesNotEnforceItsTimeoutRunsOnTheClientsThreads() {
    Recording transport = new Recording(false, request -> answer(200, TextCodec.run("run-1", "pending")));
    client = client(transport, b -> b);

    client.get(RUN);

    assertThat(transport.threads).singleElement().asString().startsWith("seedream-io-");
  }

  @Test
  void theAsyncClientNeverRunsOnTheCallersThread() {
    Recording transport = new Recording(true, request -> answer(200, TextCodec.run("run-1", "pending")));
    client = client(transport, b -> b);

    client.async().get(RUN).join();
    client.async().submit(REQUEST).join();

    assertThat(transport.threads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("seedream-io-"));
  }

  @Test
  void aRetryRunsOnTheClientsThreadsNotTheCallers() {
    AtomicInteger calls = new AtomicInteger();
    Recording transport = new Recording(true, request -> calls.incrementAndGet() == 1
        ? answer(503, TextCodec.error("service_unavailable", "busy"))
        : answer(200, TextCodec.run("run-1", "pending")));
    client = client(transport, b -> b.retryPolicy(
        RetryPolicy.custom().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build()));

    client.get(RUN);

    assertThat(transport.threads).hasSize(2);
    assertThat(transport.threads.get(0)).isEqualTo(Thread.currentThread().getName());
    assertThat(transport.threads.get(1)).startsWith("seedream-io-");
  }

  @Test
  void generateCreatesOnTheCallersThreadAndPollsOnTheClientsThreads() {
    Recording transport = new Recording(true, request -> request.method().equals("POST")
        ? answer(200, TextCodec.run("run-1", "pending"))
        : answer(200, TextCodec.run("run-1", "succeeded", "https://cdn.example/run-1/0.png")));
    client = client(transport, b -> b.pollPolicy(BlockingClientTest.FAST));

    assertThat(client.generate(REQUEST).status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(transport.requests).containsExactly("POST", "GET");
    assertThat(transport.threads.get(0)).isEqualTo(Thread.currentThread().getName());
    assertThat(transport.threads.get(1)).startsWith("seedream-io-");
  }

  /** A request that waited in the queue is granted on whichever thread freed the place: never run there. */
  @Test
  void aRequestThatWaitedForAPlaceRunsOnTheClientsThreadsNotOnTheThreadThatFreedIt() throws Exception {
    CountDownLatch firstIn = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Recording transport = new Recording(true, request -> {
      if (calls.incrementAndGet() == 1) {
        firstIn.countDown();
        await(releaseFirst);
      }
      return answer(200, TextCodec.run("run-1", "pending"));
    });
    client = client(transport, b -> b.maxConnections(1));

    Thread first = new Thread(() -> client.get(RUN), "first-caller");
    first.start();
    assertThat(firstIn.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Run> second = new CompletableFuture<>();
    Thread waiter = new Thread(() -> second.complete(client.get(RUN)), "second-caller");
    waiter.start();
    awaitState(waiter, Thread.State.WAITING);
    releaseFirst.countDown();

    assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.PENDING);
    first.join(10_000);
    waiter.join(10_000);
    assertThat(transport.threads).hasSize(2);
    assertThat(transport.threads.get(0)).isEqualTo("first-caller");
    assertThat(transport.threads.get(1)).startsWith("seedream-io-");
  }

  @Test
  void interruptingACallerInItsOwnExchangeEndsItWithCancelledAndKeepsTheFlag() throws Exception {
    Blocked caller = blockedInItsOwnExchange("interrupted-caller");

    caller.thread.interrupt();
    caller.thread.join(10_000);

    assertThat(caller.thread.isAlive()).isFalse();
    assertThat(caller.thrown.get()).isInstanceOf(CancelledException.class);
    assertThat(caller.flag.get()).isTrue();
    assertThat(caller.transport.threads).containsExactly("interrupted-caller");
  }

  @Test
  void closingTheClientEndsACallersOwnExchangeAndLeavesItsThreadUninterrupted() throws Exception {
    Blocked caller = blockedInItsOwnExchange("caller-at-close");

    client.close();
    caller.thread.join(10_000);

    assertThat(caller.thread.isAlive()).isFalse();
    assertThat(caller.thrown.get()).isInstanceOf(CancelledException.class).hasMessageContaining("closed");
    assertThat(caller.flag.get()).as("the interrupt was the client's, not the caller's").isFalse();
    assertThat(caller.transport.threads).containsExactly("caller-at-close");
  }

  /** A thread whose {@code get} is in its exchange, on its own thread, until interrupted. */
  private record Blocked(Thread thread, Recording transport, AtomicReference<Throwable> thrown,
      AtomicReference<Boolean> flag) {}

  private Blocked blockedInItsOwnExchange(String name) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    Recording transport = new Recording(true, request -> {
      entered.countDown();
      return untilInterrupted(request);
    });
    client = client(transport, b -> b);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.get(RUN);
      } catch (Throwable e) {
        thrown.set(e);
        flag.set(Thread.currentThread().isInterrupted());
      }
    }, name);
    caller.start();
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    return new Blocked(caller, transport, thrown, flag);
  }

  @Test
  void aCreateOnTheCallersThreadEndsAtTheCallsDeadlineAndMayExist() {
    Recording transport = new Recording(true, CallerThreadTest::untilTimeout);
    client = client(transport, b -> b.attemptTimeout(Duration.ofSeconds(30)));
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.submit(REQUEST, Duration.ofMillis(300)))
        .isInstanceOf(RunMayExistException.class)
        .cause().isInstanceOf(TransportException.class);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    assertThat(transport.timeouts).singleElement().satisfies(t -> assertThat(t).isLessThanOrEqualTo(Duration.ofMillis(300)));
    assertThat(transport.threads).containsExactly(Thread.currentThread().getName());
  }

  private SeedreamClient client(Recording transport, java.util.function.UnaryOperator<ClientBuilder<SeedreamClient>> more) {
    return more.apply(SeedreamClient.builder()
            .apiKey("sk-test-caller-0123456789")
            .baseUrl("https://runbase.test")
            .transport(transport)
            .codec(new TextCodec())
            .rateBudget(RateBudget.unlimited()))
        .build();
  }

  private static Answer answer(int status, String body) {
    return new Answer(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Blocks as Apache's transport does in a socket read, until the watchdog sees an interrupt. */
  private static Answer untilInterrupted(HttpRequest request) {
    try {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      throw new AssertionError("not interrupted");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(TransportException.Reason.IO, true, "aborted: the calling thread was interrupted", e);
    }
  }

  /** Blocks until the request's timeout, then ends as an enforcing transport does. */
  private static Answer untilTimeout(HttpRequest request) {
    try {
      Thread.sleep(request.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new TransportException(TransportException.Reason.TIMEOUT, true, "no answer within " + request.timeout(), null);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitState(Thread thread, Thread.State state) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != state && System.nanoTime() < end) {
      Thread.onSpinWait();
      Thread.yield();
    }
    assertThat(thread.getState()).isEqualTo(state);
  }

  private record Answer(int status, byte[] body) {}

  /** A blocking transport that records the thread, method and timeout of each exchange. */
  private static final class Recording implements HttpTransport {
    final List<String> threads = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    private final boolean enforces;
    private final java.util.function.Function<HttpRequest, Answer> script;

    Recording(boolean enforces, java.util.function.Function<HttpRequest, Answer> script) {
      this.enforces = enforces;
      this.script = script;
    }

    @Override
    public boolean enforcesTimeout() {
      return enforces;
    }

    @Override
    public HttpResponse exchange(HttpRequest request) {
      throw new AssertionError("API answers are streamed");
    }

    @Override
    public HttpResponse download(HttpRequest request, BodySink sink) {
      threads.add(Thread.currentThread().getName());
      requests.add(request.method());
      timeouts.add(request.timeout());
      Answer answer = script.apply(request);
      if (answer.status() >= 300) {
        return HttpResponse.of(answer.status(), Map.of(), answer.body());
      }
      HttpResponse head = HttpResponse.of(answer.status(), Map.of(), null);
      sink.begin(head);
      try {
        sink.write(ByteBuffer.wrap(answer.body()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return head;
    }
  }
}
