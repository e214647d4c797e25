package dev.seedream.micrometer;

import dev.seedream.ApiException;
import dev.seedream.GenerationRequest;
import dev.seedream.Run;
import dev.seedream.RunId;
import dev.seedream.RunInput;
import dev.seedream.SeedreamException;
import dev.seedream.SeedreamListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Micrometer observations of what a client does, as a {@link SeedreamListener} to give the client
 * builder:
 *
 * <pre>{@code
 * SeedreamObservations observations = SeedreamObservations.create(observationRegistry, "apache");
 * SeedreamClient client = SeedreamClient.builder().listener(observations).build();
 * new SeedreamMeterBinder(observations).bindTo(meterRegistry);     // the gauges, with micrometer-core
 * }</pre>
 *
 * <p>Observations, each with the low-cardinality key {@code seedream.transport}:
 *
 * <ul>
 *   <li>{@value #OPERATION}: one call of a client ({@code generate}, {@code download}, ...), with
 *       {@code seedream.operation}, {@code outcome} ({@code success}/{@code failure}), {@code error}
 *       (the exception's type, {@code none}), {@code seedream.error.code} (Runbase's code, {@code
 *       none}), {@code seedream.aspect.ratio} and {@code seedream.quality} (of a generate or submit,
 *       {@code default} when not set); high-cardinality {@code seedream.run.id} and {@code
 *       seedream.context}. Events {@value #RETRY} (a request will be sent again) and {@value
 *       #RATE_LIMITED} (an answer 429).
 *   <li>{@value #REQUEST}: one attempt of a request, the child of its call's observation, with
 *       {@code seedream.request.kind} ({@code create}, {@code read}, {@code download}), {@code
 *       http.method}, {@code http.path} (a template: {@code /api/v1/runs/{id}}), {@code http.status}
 *       ({@code NONE} without an answer) and {@code outcome}; high-cardinality {@code seedream.attempt}
 *       and {@code seedream.run.id}.
 *   <li>{@value #BUDGET_WAIT}: a wait of a request for the rate budget, the child of its call's
 *       observation, with {@code seedream.request.kind} and {@code outcome} ({@code granted}, {@code
 *       cancelled}).
 * </ul>
 *
 * <p>Never the key, the prompt, a URL or a run id as a low-cardinality value. Events arrive on the
 * engine's and the transport's threads; the observations of a call hang off the listener {@link
 * #operationStarted} returns for it, not off thread-locals. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SeedreamObservations implements SeedreamListener {
  /** The observation of one call of a client. */
  public static final String OPERATION = "seedream.operation";
  /** The observation of one attempt of a request. */
  public static final String REQUEST = "seedream.request";
  /** The observation of one wait for the rate budget. */
  public static final String BUDGET_WAIT = "seedream.budget.wait";
  /** The event of a retry, on the call's observation. */
  public static final String RETRY = "retry";
  /** The event of an answer 429, on the call's observation. */
  public static final String RATE_LIMITED = "rate.limited";

  private static final String NO_VALUE = "none";
  private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  private final ObservationRegistry registry;
  private final String transport;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();

  private SeedreamObservations(ObservationRegistry registry, String transport) {
    this.registry = registry;
    this.transport = transport;
  }

  /**
   * Observations into {@code registry}.
   *
   * @param transport the value of the {@code seedream.transport} key: {@code "apache"}, {@code
   *     "reactor"}, or a name of yours; lower case letters, digits and dashes, at most 32
   * @throws IllegalArgumentException if {@code transport} is not such a name
   */
  public static SeedreamObservations create(ObservationRegistry registry, String transport) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(transport, "transport");
    if (!transport.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException(
          "transport must be 1 to 32 lower case letters, digits or dashes, such as 'apache', but was '"
              + transport.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return new SeedreamObservations(registry, transport);
  }

  /** Requests sent and not yet answered, of every client this listener observes. */
  public int requestsInFlight() {
    return inFlight.get();
  }

  /** Requests waiting for the rate budget, of every client this listener observes. */
  public int requestsWaitingForBudget() {
    return waiting.get();
  }

  @Override
  public SeedreamListener operationStarted(Operation operation) {
    Observation observation = Observation.createNotStarted(OPERATION, registry)
        .contextualName("seedream " + operation.name())
        .lowCardinalityKeyValue("seedream.operation", operation.name())
        .lowCardinalityKeyValue("seedream.transport", transport);
    if (operation.input().isPresent()) {
      RunInput input = operation.input().get();
      String ratio = "default";
      String quality = "default";
      if (input instanceof GenerationRequest) {
        GenerationRequest request = (GenerationRequest) input;
        ratio = request.aspectRatio().map(r -> r.wireValue()).orElse("default");
        quality = request.quality().map(q -> q.name().toLowerCase(Locale.ROOT)).orElse("default");
      }
      observation.lowCardinalityKeyValue("seedream.aspect.ratio", ratio)
          .lowCardinalityKeyValue("seedream.quality", quality);
    }
    operation.context().ifPresent(context -> observation.highCardinalityKeyValue("seedream.context", context.tag()));
    return new Call(observation.start());
  }

  @Override
  public Exchange requestStarted(Request request) {
    return exchange(request, null);
  }

  @Override
  public void waitingForBudget(String request, Duration wait) {
    waiting.incrementAndGet();
  }

  @Override
  public void budgetWaitEnded(String request, boolean granted) {
    waiting.decrementAndGet();
  }

  /** An observation of one attempt, under {@code parent} if there is one. */
  private Exchange exchange(Request request, Observation parent) {
    Observation observation = Observation.createNotStarted(REQUEST, registry)
        .contextualName(request.method() + " " + request.pathTemplate())
        .lowCardinalityKeyValue("seedream.request.kind", request.kind().name().toLowerCase(Locale.ROOT))
        .lowCardinalityKeyValue("http.method", request.method())
        .lowCardinalityKeyValue("http.path", request.pathTemplate())
        .lowCardinalityKeyValue("seedream.transport", transport)
        .highCardinalityKeyValue("seedream.attempt", Integer.toString(request.attempt()));
    request.runId().ifPresent(id -> observation.highCardinalityKeyValue("seedream.run.id", id.value()));
    if (parent != null) {
      observation.parentObservation(parent);
    }
    observation.start();
    inFlight.incrementAndGet();
    return (status, failure) -> {
      inFlight.decrementAndGet();
      observation.lowCardinalityKeyValue("http.status", status == 0 ? "NONE" : Integer.toString(status))
          .lowCardinalityKeyValue("outcome", outcome(status, failure));
      if (failure != null) {
        observation.error(failure);
      }
      if (status == 429 && parent != null) {
        parent.event(Observation.Event.of(RATE_LIMITED));
      }
      observation.stop();
    };
  }

  private static String outcome(int status, Throwable failure) {
    if (status == 0) {
      return failure instanceof java.util.concurrent.CancellationException ? "cancelled" : "io_error";
    }
    if (status < 300) {
      return "success";
    }
    if (status == 429) {
      return "rate_limited";
    }
    return status < 500 ? "client_error" : "server_error";
  }

  /** The listener of one call: its observation is the parent of the call's requests and waits. */
  private final class Call implements SeedreamListener {
    private final Observation observation;
    /** The waits of this call for the budget, by request; a call waits for one request at a time. */
    private volatile Observation wait;

    Call(Observation observation) {
      this.observation = observation;
    }

    @Override
    public void runSubmitted(RunId runId, RunInput input) {
      observation.highCardinalityKeyValue("seedream.run.id", runId.value());
    }

    @Override
    public void runPolled(Run run, int polls) {
      observation.highCardinalityKeyValue("seedream.run.id", run.id().value());
    }

    @Override
    public Exchange requestStarted(Request request) {
      return exchange(request, observation);
    }

    @Override
    public void retryScheduled(String request, int attempt, Duration delay, SeedreamException cause) {
      observation.event(Observation.Event.of(RETRY));
    }

    @Override
    public void waitingForBudget(String request, Duration expected) {
      waiting.incrementAndGet();
      wait = Observation.createNotStarted(BUDGET_WAIT, registry)
          .lowCardinalityKeyValue("seedream.request.kind", request.startsWith("POST") ? "create" : "read")
          .lowCardinalityKeyValue("seedream.transport", transport)
          .parentObservation(observation)
          .start();
    }

    @Override
    public void budgetWaitEnded(String request, boolean granted) {
      waiting.decrementAndGet();
      Observation ended = wait;
      wait = null;
      if (ended != null) {
        ended.lowCardinalityKeyValue("outcome", granted ? "granted" : "cancelled").stop();
      }
    }

    @Override
    public void operationEnded(Operation operation, Throwable failure) {
      String code = NO_VALUE;
      if (failure instanceof ApiException) {
        code = ((ApiException) failure).errorCode().filter(c -> CODE.matcher(c).matches()).orElse(NO_VALUE);
      }
      if (failure instanceof SeedreamException) {
        ((SeedreamException) failure).runId()
            .ifPresent(id -> observation.highCardinalityKeyValue("seedream.run.id", id.value()));
      }
      observation.lowCardinalityKeyValue("outcome", failure == null ? "success" : "failure")
          .lowCardinalityKeyValue("error", failure == null ? NO_VALUE : failure.getClass().getSimpleName())
          .lowCardinalityKeyValue("seedream.error.code", code);
      if (failure != null) {
        observation.error(failure);
      }
      observation.stop();
    }
  }
}
