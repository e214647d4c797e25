package dev.seedream;

import dev.seedream.internal.Texts;
import java.util.Optional;

/**
 * The API answered with an error status. Subclasses stand for the documented statuses and codes;
 * an undocumented status is an {@code ApiException} itself.
 *
 * <p>{@link #from} is the one mapping from (status, code) to exception type, used for every answer
 * of every transport.
 */
public class ApiException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String errorCode;
  private final String serverMessage;
  private final String bodyExcerpt;
  private final String answer;

  protected ApiException(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId, String hint) {
    this(answer(statusCode, errorCode, serverMessage, bodyExcerpt, runId), statusCode, errorCode, serverMessage,
        bodyExcerpt, runId, hint);
  }

  private ApiException(String answer, int statusCode, String errorCode, String serverMessage, String bodyExcerpt,
      RunId runId, String hint) {
    super(answer + " -- " + hint, runId, null);
    this.answer = answer;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
    this.bodyExcerpt = bodyExcerpt;
  }

  /**
   * The exception for an error answer.
   *
   * @param statusCode the HTTP status, 400 or above
   * @param errorCode Runbase's {@code error.code}, or {@code null} if the body had none
   * @param serverMessage Runbase's {@code error.message}, or {@code null}
   * @param bodyExcerpt a short excerpt of a body that was not the documented JSON, or {@code null}
   * @param runId the run the request was about, or {@code null}
   */
  public static ApiException from(
      int statusCode, String errorCode, String serverMessage, String bodyExcerpt, RunId runId) {
    return from(statusCode, errorCode, serverMessage, bodyExcerpt, runId, null);
  }

  /**
   * The exception for an error answer that may carry a {@code Retry-After}.
   *
   * @param retryAfter the wait the answer's {@code Retry-After} asked for, or {@code null}; kept by
   *     {@link RateLimitedException#retryAfter()}
   * @since 0.1.0
   */
  public static ApiException from(int statusCode, String errorCode, String serverMessage, String bodyExcerpt,
      RunId runId, java.time.Duration retryAfter) {
    switch (statusCode) {
      case 400:
        return new InvalidRequestException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
      case 401:
        return new AuthenticationException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
      case 402:
        return new InsufficientBalanceException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
      case 403:
        if (SpendLimitExceededException.CODE.equals(errorCode)) {
          return new SpendLimitExceededException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
        }
        if (IpNotAllowedException.CODE.equals(errorCode)) {
          return new IpNotAllowedException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
        }
        return new PermissionDeniedException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
      case 404:
        if (RunNotFoundException.CODE.equals(errorCode)) {
          return new RunNotFoundException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
        }
        return new ApiException(statusCode, errorCode, serverMessage, bodyExcerpt, runId,
            "a 404 without Runbase's run_not_found code comes from a wrong base URL or path prefix, or a proxy:"
                + " check the base URL");
      case 429:
        if (UsageExceededException.CODE.equals(errorCode)) {
          return new UsageExceededException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
        }
        return new RateLimitedException(statusCode, errorCode, serverMessage, bodyExcerpt, runId, retryAfter);
      default:
        if (statusCode >= 500) {
          return new ServerException(statusCode, errorCode, serverMessage, bodyExcerpt, runId);
        }
        return new ApiException(
            statusCode, errorCode, serverMessage, bodyExcerpt, runId, "an undocumented status");
    }
  }

  /** What the server answered, in one line, without advice: {@code HTTP 502: no error body}. */
  private static String answer(int status, String code, String serverMessage, String excerpt, RunId runId) {
    StringBuilder out = new StringBuilder("HTTP ").append(status);
    if (code != null) {
      out.append(' ').append(Texts.printable(code));
    }
    if (runId != null) {
      out.append(" (run ").append(runId).append(')');
    }
    out.append(": ");
    if (serverMessage != null && !serverMessage.isBlank()) {
      out.append(Texts.printable(serverMessage));
    } else if (excerpt != null && !excerpt.isBlank()) {
      out.append("body was not Runbase's error JSON: \"").append(Texts.printable(excerpt)).append('"');
    } else {
      out.append("no error body");
    }
    return out.toString();
  }

  /** What the server answered, without the advice of {@link #getMessage()}. */
  String answer() {
    return answer;
  }

  /** The HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Runbase's error code ({@code invalid_api_key}, {@code RATE_LIMITED}, ...), if it sent one, as it
   * came; escape it before showing it on a terminal (the message of this exception is escaped).
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** Runbase's human-readable message, if it sent one, as it came (the exception's message escapes it). */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /** A short, sanitised excerpt of a body that was not the documented error JSON. */
  public Optional<String> bodyExcerpt() {
    return Optional.ofNullable(bodyExcerpt);
  }
}
