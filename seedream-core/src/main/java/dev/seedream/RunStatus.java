package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Objects;

/**
 * The status of a run: one of the four documented values, or an unknown one kept verbatim.
 *
 * <p>Unknown values are treated as not finished, so that waiting goes on until a terminal status or
 * the caller's deadline. Compare with {@link #equals(Object)}; the four constants are the only
 * instances for their values.
 */
public final class RunStatus {
  /** Queued, waiting for a worker. */
  public static final RunStatus PENDING = new RunStatus("pending", false, true);
  /** Being generated. */
  public static final RunStatus PROCESSING = new RunStatus("processing", false, true);
  /** Finished; {@link Run#outputUrls()} holds the images. */
  public static final RunStatus SUCCEEDED = new RunStatus("succeeded", true, true);
  /** Finished without a result; {@link Run#error()} says why. The cost is refunded. */
  public static final RunStatus FAILED = new RunStatus("failed", true, true);

  private final String value;
  private final boolean terminal;
  private final boolean known;

  private RunStatus(String value, boolean terminal, boolean known) {
    this.value = value;
    this.terminal = terminal;
    this.known = known;
  }

  /** The status for a wire value; an unknown value is kept as it came and is not terminal. */
  public static RunStatus of(String value) {
    Objects.requireNonNull(value, "value");
    switch (value) {
      case "pending":
        return PENDING;
      case "processing":
        return PROCESSING;
      case "succeeded":
        return SUCCEEDED;
      case "failed":
        return FAILED;
      default:
        return new RunStatus(value, false, false);
    }
  }

  /** The value as the server sent it. */
  public String value() {
    return value;
  }

  /** Whether the run has finished: {@code succeeded} or {@code failed}. */
  public boolean isTerminal() {
    return terminal;
  }

  /** Whether this is one of the four documented values. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunStatus && ((RunStatus) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** The value, escaped: an unknown status is server text, whose control characters must not reach a terminal. */
  @Override
  public String toString() {
    return known ? value : Texts.printable(value);
  }
}
