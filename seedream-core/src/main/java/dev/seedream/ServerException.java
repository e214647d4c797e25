package dev.seedream;

/** HTTP 5xx: the server failed. Retried with backoff for reads; thrown when the retries are spent. */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  ServerException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "a fault at Runbase; try again later");
  }
}
