package dev.seedream;

/** HTTP 400: the request was refused as invalid ({@code invalid_json}, {@code missing_model}, {@code missing_input}, {@code invalid_input}, {@code model_not_found}). Not retried. */
public class InvalidRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  InvalidRequestException(int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    super(statusCode, errorCode, serverMessage, bodyExcerpt, runId, "fix the input; GenerationRequest.builder() checks it before sending");
  }
}
