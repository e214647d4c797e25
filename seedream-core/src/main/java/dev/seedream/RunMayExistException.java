package dev.seedream;

import dev.seedream.internal.Texts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A create may have reached Runbase, but no readable answer came back: the run may exist, and
 * Runbase bills a run when it is created.
 *
 * <p>The SDK did not send the create again (a second one could bill a second run), and it does not
 * know the run's id. It is thrown for a 5xx answer other than 503, a connection dropped or reset
 * after the request was sent, an attempt timeout or the call's deadline after sending, and an
 * answer that cannot be read as a run. Failures known to come before the request was processed (no
 * connection, 429 {@code RATE_LIMITED}, 503) are retried instead, and are never this exception.
 *
 * <p>What to do: Runbase has no call that lists runs, so look for a run created at about {@link
 * #sentAt()} in your Runbase account before you send {@link #input()} again. {@link #getCause()}
 * is the failure that left the outcome unknown.
 */
public class RunMayExistException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final transient RunInput input;
  private final Instant sentAt;

  /**
   * @param input what the create asked for
   * @param sentAt when the last attempt of the create was sent, on the wall clock
   * @param cause the failure that left the outcome unknown
   */
  public RunMayExistException(RunInput input, Instant sentAt, SeedreamException cause) {
    super(message(Objects.requireNonNull(input, "input"), Objects.requireNonNull(sentAt, "sentAt"),
        Objects.requireNonNull(cause, "cause")), null, cause);
    this.input = input;
    this.sentAt = sentAt;
  }

  private static String message(RunInput input, Instant sent, SeedreamException cause) {
    Instant sentAt = sent.truncatedTo(ChronoUnit.MILLIS);
    return "the create of a " + Texts.printable(input.model()) + " run sent at " + sentAt
        + " got no readable answer (" + (cause instanceof ApiException ? ((ApiException) cause).answer() : cause.getMessage())
        + "): the run may exist, and Runbase bills a run"
        + " when it is created. It was not sent again, so that it cannot be billed twice. Runbase has no call"
        + " that lists runs: look for a run created at about " + sentAt + " in your Runbase account before"
        + " you send this request again";
  }

  /** What the create asked for. */
  public RunInput input() {
    return input;
  }

  /** When the last attempt of the create was sent, on the wall clock. */
  public Instant sentAt() {
    return sentAt;
  }

  /** The failure that left the outcome unknown. */
  @Override
  public synchronized SeedreamException getCause() {
    return (SeedreamException) super.getCause();
  }

  /** Always empty: the id of a run that may exist is not known. */
  @Override
  public Optional<RunId> runId() {
    return Optional.empty();
  }
}
