package dev.seedream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the images of a run go when they are not written into a directory: one {@link
 * OutputStream} per image, opened once the image's type is known from its first bytes (an object
 * storage upload, say, without a temporary file).
 *
 * <pre>{@code
 * client.download(run, info -> storage.upload("renders/" + info.fileName(), info.mediaType()));
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #open} and the writes to its stream run on the client's own I/O
 * threads, never on an event loop, one image after the other: they may block. <b>Bounds.</b> The
 * same as a download into a directory: each image at most {@code maxImageBytes}, and an image
 * (recognised from its first bytes, else its {@code image/*} Content-Type). <b>Failure.</b> The
 * stream of the image that failed is closed and {@link #failed} is told; streams of images before it
 * were already closed normally: what they hold is the caller's to keep or delete. An image whose
 * first bytes already went to the sink is not fetched again.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ImageSink {
  /**
   * Opens the stream one image is written to; the SDK closes it when the image is complete (or has
   * failed).
   *
   * @throws IOException if it cannot be opened: the download fails with a {@link DownloadException}
   */
  OutputStream open(ImageInfo image) throws IOException;

  /**
   * Told, after its stream is closed, that an image opened with {@link #open} did not arrive whole
   * (to abort an upload, say). The default does nothing. Must not throw.
   */
  default void failed(ImageInfo image, Throwable cause) {}
}
