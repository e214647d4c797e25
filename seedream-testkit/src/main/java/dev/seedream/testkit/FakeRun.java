package dev.seedream.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the fake knows of one run at a moment: a snapshot that does not change. {@link
 * #toString()} never shows the key that created the run.
 */
public final class FakeRun {
  private final String id;
  private final String status;
  private final Map<String, Object> input;
  private final List<String> outputUrls;
  private final String errorCode;
  private final int polls;

  private FakeRun(String id, String status, Map<String, Object> input, List<String> outputUrls, String errorCode, int polls) {
    this.id = id;
    this.status = status;
    this.input = input;
    this.outputUrls = outputUrls;
    this.errorCode = errorCode;
    this.polls = polls;
  }

  /** A snapshot with the given values; the fake makes these, tests rarely need to. */
  public static FakeRun of(
      String id, String status, Map<String, Object> input, List<String> outputUrls, Optional<String> errorCode, int polls) {
    return new FakeRun(
        Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(status, "status"),
        Map.copyOf(Objects.requireNonNull(input, "input")),
        List.copyOf(Objects.requireNonNull(outputUrls, "outputUrls")),
        Objects.requireNonNull(errorCode, "errorCode").orElse(null),
        polls);
  }

  public String id() {
    return id;
  }

  /** The wire status: {@code pending}, {@code processing}, {@code succeeded} or {@code failed}. */
  public String status() {
    return status;
  }

  /** The {@code input} object as the fake parsed it (numbers as {@code Long} or {@code Double}). */
  public Map<String, Object> input() {
    return input;
  }

  /** The URLs of the output images; empty unless succeeded. */
  public List<String> outputUrls() {
    return outputUrls;
  }

  /** The {@code error.code} of a failed run. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** How many times the run was read with {@code GET /api/v1/runs/{id}} and answered. */
  public int polls() {
    return polls;
  }

  @Override
  public String toString() {
    return "FakeRun[" + id + " " + status + ", " + polls + " polls" + (errorCode == null ? "" : ", " + errorCode) + "]";
  }
}
