package dev.seedream.testkit;

/**
 * The errors that Runbase documents, each with its HTTP status, its {@code code} and the message the
 * fake answers with.
 *
 * <p>The fake answers them as {@code {"error": {"message": "...", "code": "..."}}}; use them with
 * {@link Failure#error(RunbaseError)} to inject one.
 */
public enum RunbaseError {
  INVALID_JSON(400, "invalid_json", "The request body is not valid JSON"),
  MISSING_MODEL(400, "missing_model", "The request body has no model: set \"model\": \"bytedance/seedream-4.5\""),
  MISSING_INPUT(400, "missing_input", "The request body has no input: send \"input\": {\"prompt\": \"...\"}"),
  INVALID_INPUT(400, "invalid_input", "The input is not valid for this model"),
  MODEL_NOT_FOUND(400, "model_not_found", "No such model"),
  MISSING_API_KEY(401, "missing_api_key", "No API key: send the header Authorization: Bearer <key>"),
  INVALID_API_KEY(401, "invalid_api_key", "The API key is invalid, disabled or expired"),
  INSUFFICIENT_BALANCE(402, "insufficient_balance", "Insufficient balance: top up your account"),
  API_KEY_SPEND_LIMIT_EXCEEDED(403, "api_key_spend_limit_exceeded", "The spend limit of this API key is exceeded"),
  IP_NOT_ALLOWED(403, "ip_not_allowed", "Requests from this IP address are not allowed for this API key"),
  RUN_NOT_FOUND(404, "run_not_found", "Run not found"),
  RATE_LIMITED(429, "RATE_LIMITED", "Rate limit exceeded"),
  USAGE_EXCEEDED(429, "USAGE_EXCEEDED", "The usage quota of this API key is spent");

  private final int status;
  private final String code;
  private final String message;

  RunbaseError(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** The HTTP status: 400, 401, 402, 403, 404 or 429. */
  public int status() {
    return status;
  }

  /** The wire code, exactly as Runbase writes it: {@code invalid_api_key}, {@code RATE_LIMITED}. */
  public String code() {
    return code;
  }

  /** The default human-readable message. */
  public String message() {
    return message;
  }
}
