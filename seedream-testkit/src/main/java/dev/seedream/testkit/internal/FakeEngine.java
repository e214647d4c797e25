package dev.seedream.testkit.internal;

import dev.seedream.GenerationRequest;
import dev.seedream.testkit.Endpoint;
import dev.seedream.testkit.Failure;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.RecordedRequest;
import dev.seedream.testkit.RunbaseError;
import dev.seedream.validation.RequestValidator;
import dev.seedream.validation.ValidationResult;
import dev.seedream.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The state and the rules of the fake Runbase API: keys, money, rate limit and runs. Thread-safe;
 * each part guards itself, and a run's state machine is guarded by the run.
 */
public final class FakeEngine {
  private static final String RUNS_PATH = "/api/v1/runs";

  private final Settings settings;
  private final Ledger ledger;
  private final RateLimiter limiter;
  private final Map<String, RunRecord> runs = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();
  private final Injections injections;
  private final Journal journal;
  private volatile String imageBaseUrl = "";

  public FakeEngine(Settings settings) {
    this.settings = settings;
    this.ledger = new Ledger(settings);
    this.limiter = new RateLimiter(settings.rateLimitRequests(), settings.rateLimitWindow().toMillis());
    this.injections = new Injections(settings.seed());
    this.journal = new Journal(settings.journalSize());
  }

  /** The key a fake with this seed accepts when none is configured. */
  public static String defaultApiKey(long seed) {
    return Ids.apiKey(seed);
  }

  public Settings settings() {
    return settings;
  }

  Injections injections() {
    return injections;
  }

  Journal journal() {
    return journal;
  }

  public void injectNext(Endpoint endpoint, int times, Failure failure) {
    injections.next(endpoint, times, failure);
  }

  public void injectAfter(Endpoint endpoint, int skip, int times, Failure failure) {
    injections.after(endpoint, skip, times, failure);
  }

  public void injectWithProbability(Endpoint endpoint, double probability, Failure failure) {
    injections.withProbability(endpoint, probability, failure);
  }

  public void clearInjections() {
    injections.clear();
  }

  public List<RecordedRequest> journalSnapshot() {
    return journal.snapshot();
  }

  void imageBaseUrl(String url) {
    this.imageBaseUrl = url;
  }

  Instant now() {
    return settings.clock().instant();
  }

  /** {@code POST /api/v1/runs}. */
  Answer create(Incoming request) {
    Object gate = admit(request);
    if (gate instanceof Answer) {
      return (Answer) gate;
    }
    String key = (String) gate;
    Optional<Object> parsed = Json.parse(request.body() == null ? "" : request.body());
    if (parsed.isEmpty() || !(parsed.get() instanceof Map)) {
      return Answer.error(
          RunbaseError.INVALID_JSON,
          parsed.isEmpty() ? "The request body is not valid JSON" : "The request body must be a JSON object",
          key, null);
    }
    Map<?, ?> body = (Map<?, ?>) parsed.get();
    Object model = body.get("model");
    if (model == null || "".equals(model)) {
      return Answer.error(RunbaseError.MISSING_MODEL, key);
    }
    Object input = body.get("input");
    if (input == null) {
      return Answer.error(RunbaseError.MISSING_INPUT, key);
    }
    if (!GenerationRequest.MODEL.equals(model)) {
      return Answer.error(
          RunbaseError.MODEL_NOT_FOUND,
          "Model not found: " + shorten(model) + " (this fake serves " + GenerationRequest.MODEL + ")",
          key, null);
    }
    if (!(input instanceof Map)) {
      return Answer.error(RunbaseError.INVALID_INPUT, "input must be a JSON object", key, null);
    }
    ValidationResult validation = RequestValidator.validateInput((Map<?, ?>) input);
    if (!validation.isValid()) {
      String violations = validation.violations().stream().map(Violation::toString).collect(Collectors.joining("; "));
      return Answer.error(RunbaseError.INVALID_INPUT, "Invalid input: " + violations, key, null);
    }
    Optional<RunbaseError> refused = ledger.charge(key);
    if (refused.isPresent()) {
      return Answer.error(refused.get(), key);
    }
    @SuppressWarnings("unchecked")
    RunRecord run = newRun(key, (Map<String, Object>) input);
    runs.put(run.id, run);
    return Answer.json(200, Json.write(run.created()), key, run.id);
  }

  /** {@code GET /api/v1/runs/{id}}. */
  Answer read(Incoming request, String id) {
    Object gate = admit(request);
    if (gate instanceof Answer) {
      return ((Answer) gate).withRunId(id);
    }
    String key = (String) gate;
    RunRecord run = runs.get(id);
    if (run == null || !run.ownerKey.equals(key)) {
      return Answer.error(RunbaseError.RUN_NOT_FOUND, "Run not found: " + shorten(id), key, id);
    }
    Map<String, Object> json = run.poll(now(), settings.progression(), imageBaseUrl, () -> ledger.refund(run.ownerKey));
    return Answer.json(200, Json.write(json), key, id);
  }

  /** The run, if the fake has it; reading it this way counts no poll. */
  public Optional<FakeRun> run(String id) {
    RunRecord run = runs.get(id);
    return run == null ? Optional.empty() : Optional.of(peek(run));
  }

  /** Every run, in the order they were created. */
  public List<FakeRun> runs() {
    List<RunRecord> all = new ArrayList<>(runs.values());
    all.sort(java.util.Comparator.comparingLong(r -> r.sequence));
    return all.stream().map(this::peek).collect(Collectors.toUnmodifiableList());
  }

  /** The latest {@code count} runs, oldest first; reading them counts no poll. */
  public List<FakeRun> latestRuns(int count) {
    List<RunRecord> all = new ArrayList<>(runs.values());
    all.sort(java.util.Comparator.comparingLong(r -> r.sequence));
    return all.subList(Math.max(0, all.size() - count), all.size()).stream().map(this::peek).collect(Collectors.toUnmodifiableList());
  }

  /** How many runs the fake holds. */
  public int runCount() {
    return runs.size();
  }

  /** The run whose image this is, if it has one at that index. */
  Optional<RunRecord> imageOwner(String id, int index) {
    RunRecord run = runs.get(id);
    if (run == null) {
      return Optional.empty();
    }
    peek(run);
    return run.hasImage(index) ? Optional.of(run) : Optional.empty();
  }

  public long balanceCents() {
    return ledger.balanceCents();
  }

  /** Forgets every run, charge, rate-limit count, injection and journal entry. */
  public void reset() {
    runs.clear();
    created.set(0);
    ledger.reset();
    limiter.reset();
    injections.reset();
    journal.reset();
  }

  private FakeRun peek(RunRecord run) {
    return run.peek(now(), settings.progression(), imageBaseUrl, () -> ledger.refund(run.ownerKey));
  }

  /** Auth, IP rule and rate limit, shared by both endpoints: the key, or the answer that refuses. */
  private Object admit(Incoming request) {
    String key = request.bearerToken();
    if (key == null) {
      return Answer.error(
          RunbaseError.MISSING_API_KEY,
          request.authorization() == null
              ? RunbaseError.MISSING_API_KEY.message()
              : "The Authorization header has no bearer key: send Authorization: Bearer <key>",
          null, null);
    }
    if (!settings.apiKeys().contains(key)) {
      return Answer.error(RunbaseError.INVALID_API_KEY, null);
    }
    if (!settings.allowedIps().isEmpty() && !settings.allowedIps().contains(request.clientIp())) {
      return Answer.error(
          RunbaseError.IP_NOT_ALLOWED, "Requests from " + request.clientIp() + " are not allowed for this API key", key, null);
    }
    if (!limiter.tryAdmit(key, settings.clock().millis())) {
      return Answer.error(RunbaseError.RATE_LIMITED, key);
    }
    return key;
  }

  private RunRecord newRun(String key, Map<String, Object> input) {
    long n = created.getAndIncrement();
    SplittableRandom random = new SplittableRandom(Ids.mix(settings.seed(), n));
    String prompt = String.valueOf(input.get("prompt")).toLowerCase(Locale.ROOT);
    boolean fails = settings.failWhenPromptContains().stream().anyMatch(s -> prompt.contains(s.toLowerCase(Locale.ROOT)))
        || random.nextDouble() < settings.failureProbability();
    double median = settings.progression().median().toMillis();
    long duration = Math.round(median * Math.exp(settings.progression().sigma() * random.nextGaussian()));
    return new RunRecord(
        n, Ids.runId(settings.seed(), n), key, input, now(), fails, duration, settings.imagesPerRun(), random.nextLong());
  }

  static boolean isRunsPath(String path) {
    return RUNS_PATH.equals(path);
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
  }
}
