package dev.seedream.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A snapshot of the requests the fake has seen, oldest first, with typed queries and assertions.
 *
 * <p>The fake keeps the last 10,000 requests (configurable); this snapshot does not change when
 * more arrive. Assertions throw {@link AssertionError} with the journal in the message (keys
 * redacted), so they work in any test framework.
 *
 * <pre>{@code
 * RequestJournal journal = fake.journal();
 * assertEquals(1, journal.runsCreated().size());
 * journal.assertNoAuthorizationSentToImageOrigin();
 * }</pre>
 */
public final class RequestJournal {
  private final List<RecordedRequest> requests;

  private RequestJournal(List<RecordedRequest> requests) {
    this.requests = requests;
  }

  /** A journal of the given requests. */
  public static RequestJournal of(List<RecordedRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    return new RequestJournal(List.copyOf(requests));
  }

  /** Every request, oldest first. */
  public List<RecordedRequest> all() {
    return requests;
  }

  /** The requests to one endpoint, oldest first. */
  public List<RecordedRequest> to(Endpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    return filter(r -> r.endpoint() == endpoint);
  }

  /** The ids of the runs created (create requests answered 200), in order. */
  public List<String> runsCreated() {
    return requests.stream()
        .filter(r -> r.endpoint() == Endpoint.CREATE && r.status() == 200 && r.runId().isPresent())
        .map(r -> r.runId().orElseThrow())
        .collect(Collectors.toUnmodifiableList());
  }

  /** The number of create requests, whatever they were answered. */
  public int createRequests() {
    return to(Endpoint.CREATE).size();
  }

  /** The number of reads of one run (GET requests for its id, whatever they were answered). */
  public int pollsOf(String runId) {
    Objects.requireNonNull(runId, "runId");
    return (int) requests.stream()
        .filter(r -> r.endpoint() == Endpoint.GET && r.runId().filter(runId::equals).isPresent())
        .count();
  }

  /** The requests to the API (create and read) that carried the given key. */
  public List<RecordedRequest> requestsWithKey(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    return filter(r -> r.endpoint() != Endpoint.IMAGE && r.apiKey().filter(apiKey::equals).isPresent());
  }

  /** The requests to the API (create and read) without any {@code Authorization} header. */
  public List<RecordedRequest> requestsWithoutAuthorization() {
    return filter(r -> r.endpoint() != Endpoint.IMAGE && !r.hadAuthorization());
  }

  /** The requests to the image origin. */
  public List<RecordedRequest> imageRequests() {
    return to(Endpoint.IMAGE);
  }

  /** The requests answered with the given status. */
  public List<RecordedRequest> answered(int status) {
    return filter(r -> r.status() == status);
  }

  /** The requests answered with the given documented error. */
  public List<RecordedRequest> answered(RunbaseError error) {
    Objects.requireNonNull(error, "error");
    return filter(r -> r.status() == error.status() && r.errorCode().filter(error.code()::equals).isPresent());
  }

  /** The requests that met an injected failure. */
  public List<RecordedRequest> injected() {
    return filter(r -> r.injected().isPresent());
  }

  /** Passes when no request to the image origin carried an {@code Authorization} header. */
  public void assertNoAuthorizationSentToImageOrigin() {
    List<RecordedRequest> leaked = filter(r -> r.endpoint() == Endpoint.IMAGE && r.hadAuthorization());
    if (!leaked.isEmpty()) {
      throw new AssertionError(
          "the API key must not be sent to the image origin, but " + leaked.size() + " image request(s) carried Authorization: " + leaked);
    }
  }

  /** Passes when every request to the API carried an {@code Authorization} header. */
  public void assertEveryApiRequestAuthorized() {
    List<RecordedRequest> bare = requestsWithoutAuthorization();
    if (!bare.isEmpty()) {
      throw new AssertionError("every API request must carry Authorization: Bearer <key>, but these did not: " + bare);
    }
  }

  /** Passes when exactly {@code expected} runs were created. */
  public void assertRunsCreated(int expected) {
    int actual = runsCreated().size();
    if (actual != expected) {
      throw new AssertionError("expected " + expected + " run(s) created, but were " + actual + ": " + requests);
    }
  }

  /** Passes when no request was answered 429 {@code RATE_LIMITED}. */
  public void assertNeverRateLimited() {
    List<RecordedRequest> limited = answered(RunbaseError.RATE_LIMITED);
    if (!limited.isEmpty()) {
      throw new AssertionError("expected no 429 RATE_LIMITED, but " + limited.size() + " request(s) were: " + limited);
    }
  }

  private List<RecordedRequest> filter(Predicate<RecordedRequest> p) {
    return requests.stream().filter(p).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public String toString() {
    return "RequestJournal" + requests;
  }
}
