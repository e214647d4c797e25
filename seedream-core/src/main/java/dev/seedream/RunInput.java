package dev.seedream;

import java.util.Map;

/**
 * The typed input of one Runbase model. The engine is model-agnostic: every Runbase model shares
 * the two endpoints and the wrapper {@code {"model", "input"}}, so a new model is a new {@code
 * RunInput}, not a new engine. {@link GenerationRequest} is the one for Seedream 4.5.
 *
 * @since 0.1.0
 */
public interface RunInput {
  /** The model id, such as {@code "bytedance/seedream-4.5"}. */
  String model();

  /**
   * The {@code input} object as it goes on the wire: keys are wire names in order, values are
   * {@code String}, {@code Number}, {@code Boolean} or {@code List} of those. Absent optional fields
   * are left out.
   */
  Map<String, Object> toWire();

  /**
   * Runs with the same key are expected to take about as long; the engine learns their duration to
   * time the first poll. For Seedream 4.5 it is the quality.
   */
  default String durationClass() {
    return model();
  }
}
