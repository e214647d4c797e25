package dev.seedream;

/**
 * An output image could not be downloaded: the image origin answered an error status, or the file
 * could not be written. Nothing of the failed call is left on disk.
 */
public class DownloadException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;

  public DownloadException(String message, RunId runId, int statusCode, Throwable cause) {
    super(message, runId, cause);
    this.statusCode = statusCode;
  }

  /** The HTTP status of the image origin's answer, or 0 when the failure was not an answer. */
  public int statusCode() {
    return statusCode;
  }
}
