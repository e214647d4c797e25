package dev.seedream;

/**
 * HTTP 403: the key may not do this. The two documented cases have their own subclasses: {@link
 * SpendLimitExceededException} and {@link IpNotAllowedException}. Not retried.
 */
public class PermissionDeniedException extends ApiException {
  private static final long serialVersionUID = 1L;

  PermissionDeniedException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    this(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "check the key's permissions in the Runbase dashboard");
  }

  PermissionDeniedException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId, String hint) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, hint);
  }
}
