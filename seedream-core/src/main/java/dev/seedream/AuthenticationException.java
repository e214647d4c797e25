package dev.seedream;

/** HTTP 401: the key is missing, invalid, disabled or expired ({@code missing_api_key}, {@code invalid_api_key}). Not retried. */
public class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  AuthenticationException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "check RUNBASE_API_KEY: it must be an active key that starts with 'sk-'");
  }
}
