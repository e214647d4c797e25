package dev.seedream;

/**
 * An output image could not be downloaded: the image origin answered an error status; the answer
 * was not an image, or was larger than {@code maxImageBytes}; an output URL or a redirect was not
 * plain {@code http(s)} with a host and without user info; or the file could not be written. Only
 * the error statuses worth repeating (429, 500, 502, 503, 504) were retried before. Nothing of the
 * failed call is left on disk.
 */
public class DownloadException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public DownloadException(String message, RunId runId, int statusCode, Throwable cause) {
    super(message, runId, cause);
    this.statusCode = statusCode;
  }

  /**
   * The HTTP status of the image origin's answer (a 2xx for an answer refused as too large or not an
   * image, a 3xx for a redirect not followed), or 0 when the failure was not an answer.
   */
  public int statusCode() {
    return statusCode;
  }
}
