package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Objects;
import java.util.Optional;

/**
 * What ties the calls of one job of yours to their events: a tag that every log line of those calls
 * carries, and a listener of their own that hears only their events. Pass it with {@code
 * client.withContext(context)}, which gives a view of the client for those calls.
 *
 * <pre>{@code
 * CallContext job = CallContext.of("order-4711").withListener(new SeedreamListener() {
 *   public void statusChanged(Run run, RunStatus previous) {
 *     progress.update("order-4711", run.status());         // this call's runs only
 *   }
 * });
 * Run run = client.withContext(job).generate(request);
 * }</pre>
 *
 * <p>The client's own listener hears these events too, through {@link
 * SeedreamListener#forCall(CallContext)}, and is told {@link SeedreamListener#callStarted} and
 * {@link SeedreamListener#callEnded}. Immutable.
 *
 * @since 0.1.0
 */
public final class CallContext {
  /** The longest tag, in characters. */
  public static final int MAX_TAG_LENGTH = 200;

  private final String tag;
  private final SeedreamListener listener;

  private CallContext(String tag, SeedreamListener listener) {
    this.tag = tag;
    this.listener = listener;
  }

  /**
   * A context with a tag and no listener of its own.
   *
   * @param tag 1 to 200 characters, not blank, without control characters: a job id, say
   * @throws IllegalArgumentException if the tag is blank, too long or has control characters
   */
  public static CallContext of(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isBlank()) {
      throw new IllegalArgumentException("tag must not be blank: name the job the calls belong to, such as 'order-4711'");
    }
    if (tag.length() > MAX_TAG_LENGTH) {
      throw new IllegalArgumentException(
          "tag must be at most " + MAX_TAG_LENGTH + " characters, but was " + tag.length() + ": use a job id");
    }
    if (!Texts.printable(tag).equals(tag)) {
      throw new IllegalArgumentException(
          "tag must not hold control or invisible characters, but was '" + Texts.printable(tag) + "'");
    }
    return new CallContext(tag, null);
  }

  /** The same tag, with a listener that hears the events of these calls only. */
  public CallContext withListener(SeedreamListener listener) {
    return new CallContext(tag, Objects.requireNonNull(listener, "listener"));
  }

  /** The tag. */
  public String tag() {
    return tag;
  }

  /** The listener of these calls, if one was given. */
  public Optional<SeedreamListener> listener() {
    return Optional.ofNullable(listener);
  }

  @Override
  public String toString() {
    return "CallContext[" + tag + (listener == null ? "" : ", with a listener") + "]";
  }
}
