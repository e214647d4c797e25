package dev.seedream.internal;

import dev.seedream.ImageInfo;
import dev.seedream.RunId;

/**
 * Where one call of the {@link Downloader} puts the images of a run, and what it gives back for
 * each: a file, what a caller's sink was told, the bytes. Called on the engine's executor.
 *
 * @param <R> what the call gives for each image
 */
interface Destination<R> {
  /** An image that has arrived whole in its output, and what it is. */
  record Arrived(ImageBody body, ImageInfo info) {}

  /** Before the first image: a directory to create, say. */
  void prepare(RunId runId);

  /** The output of one image. */
  ImageOutput output(RunId runId, int index);

  /** Once every image of the call has arrived, in order: what the call gives for this one. */
  R complete(RunId runId, Arrived image);
}
