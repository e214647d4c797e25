package dev.seedream.testkit.internal;

import dev.seedream.AspectRatio;
import dev.seedream.GenerationRequest;
import dev.seedream.Quality;
import dev.seedream.testkit.FakeRun;
import dev.seedream.testkit.Progression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run and its state machine {@code pending -> processing -> succeeded | failed}. Every read and
 * every transition happens under the run's lock, so concurrent polls see one consistent sequence.
 */
final class RunRecord {
  static final String PENDING = "pending";
  static final String PROCESSING = "processing";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String FAILURE_CODE = "generation_failed";

  final long sequence;
  final String id;
  final String ownerKey;
  final Map<String, Object> input;
  final Instant createdAt;
  final AspectRatio ratio;
  final Quality quality;
  final long imageSeed;
  private final boolean willFail;
  private final long durationMillis;
  private final int images;

  private String status = PENDING;
  private int polls;
  private Instant completedAt;

  RunRecord(
      long sequence,
      String id,
      String ownerKey,
      Map<String, Object> input,
      Instant createdAt,
      boolean willFail,
      long durationMillis,
      int images,
      long imageSeed) {
    this.sequence = sequence;
    this.id = id;
    this.ownerKey = ownerKey;
    this.input = input;
    this.createdAt = createdAt;
    this.willFail = willFail;
    this.durationMillis = durationMillis;
    this.images = images;
    this.imageSeed = imageSeed;
    this.ratio = Optional.ofNullable(input.get("aspect_ratio"))
        .map(String::valueOf).flatMap(AspectRatio::fromWire).orElse(AspectRatio.RATIO_1_1);
    this.quality = Optional.ofNullable(input.get("quality"))
        .map(String::valueOf).flatMap(Quality::fromWire).orElse(Quality.BASIC);
  }

  /**
   * Counts one read, advances the state as the progression says, and answers the run as it now
   * stands; {@code onFailed} runs once, when the run turns {@code failed}.
   */
  synchronized Map<String, Object> poll(Instant now, Progression progression, String imageBaseUrl, Runnable onFailed) {
    polls++;
    advance(now, progression, onFailed);
    return json(imageBaseUrl);
  }

  /** Advances with time only (no poll counted) and answers a snapshot. */
  synchronized FakeRun peek(Instant now, Progression progression, String imageBaseUrl, Runnable onFailed) {
    if (progression.isTimed()) {
      advance(now, progression, onFailed);
    }
    return FakeRun.of(id, status, input, urls(imageBaseUrl), Optional.ofNullable(FAILED.equals(status) ? FAILURE_CODE : null), polls);
  }

  synchronized boolean hasImage(int index) {
    return SUCCEEDED.equals(status) && index >= 0 && index < images;
  }

  /** The run as the API answers it right after it was created. */
  synchronized Map<String, Object> created() {
    return json("");
  }

  private void advance(Instant now, Progression progression, Runnable onFailed) {
    if (isTerminal()) {
      return;
    }
    String next;
    if (progression.isTimed()) {
      double elapsed = Math.max(0, now.toEpochMilli() - createdAt.toEpochMilli()) * progression.acceleration();
      next = elapsed >= durationMillis ? terminal() : elapsed >= durationMillis / 4.0 ? PROCESSING : PENDING;
    } else {
      next = polls <= progression.pendingPolls()
          ? PENDING
          : polls <= progression.pendingPolls() + progression.processingPolls() ? PROCESSING : terminal();
    }
    if (PENDING.equals(next) || next.equals(status)) {
      return;
    }
    status = next;
    if (isTerminal()) {
      // A timed run ended at its own end, as a real server reports it, not when a poll saw it.
      completedAt = progression.isTimed()
          ? createdAt.plusMillis(Math.round(durationMillis / progression.acceleration()))
          : now;
      if (FAILED.equals(status)) {
        onFailed.run();
      }
    }
  }

  private String terminal() {
    return willFail ? FAILED : SUCCEEDED;
  }

  private boolean isTerminal() {
    return SUCCEEDED.equals(status) || FAILED.equals(status);
  }

  private List<String> urls(String imageBaseUrl) {
    List<String> urls = new ArrayList<>();
    if (SUCCEEDED.equals(status)) {
      for (int i = 0; i < images; i++) {
        urls.add(imageBaseUrl + "/images/" + id + "/" + i + ".png");
      }
    }
    return urls;
  }

  private Map<String, Object> json(String imageBaseUrl) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", id);
    run.put("model", GenerationRequest.MODEL);
    run.put("status", status);
    run.put("input", input);
    if (SUCCEEDED.equals(status)) {
      run.put("output", Map.of("urls", urls(imageBaseUrl)));
    }
    if (FAILED.equals(status)) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("message", "The model could not generate an image for this input (simulated failure)");
      error.put("code", FAILURE_CODE);
      run.put("error", error);
    }
    run.put("created_at", createdAt.toString());
    if (completedAt != null) {
      run.put("completed_at", completedAt.toString());
    }
    return run;
  }
}
