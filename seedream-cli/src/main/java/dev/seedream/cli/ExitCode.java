package dev.seedream.cli;

import dev.seedream.AuthenticationException;
import dev.seedream.ConfigurationException;
import dev.seedream.DeadlineExceededException;
import dev.seedream.InsufficientBalanceException;
import dev.seedream.InvalidRequestException;
import dev.seedream.PermissionDeniedException;
import dev.seedream.RateLimitedException;
import dev.seedream.RunFailedException;
import dev.seedream.RunMayExistException;
import dev.seedream.RunNotFoundException;
import dev.seedream.UsageExceededException;
import dev.seedream.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The exit codes of the {@code seedream} command, and the one mapping from an error to its code.
 *
 * <p>{@link #of(Throwable)} is the only place that decides which error gives which code; the
 * command line's error handler and {@code batch}'s summary both use it.
 */
public enum ExitCode {
  SUCCESS(0, "success"),
  INVALID_INPUT(2, "invalid input: a bad command line, no API key, input that breaks the model's rules"
      + " (checked locally, nothing sent), or HTTP 400"),
  AUTHENTICATION(3, "authentication or permission: HTTP 401 (bad key) or 403 (spend limit, IP rule)"),
  INSUFFICIENT_BALANCE(4, "insufficient balance: HTTP 402"),
  RATE_LIMITED(5, "rate limit or usage quota exceeded (HTTP 429), after retries"),
  RUN_FAILED(6, "the run ended failed (its cost is refunded)"),
  DEADLINE(7, "the --timeout passed before the command finished (a run already created goes on at Runbase)"),
  RUN_NOT_FOUND(8, "run not found: HTTP 404"),
  RUN_MAY_EXIST(9, "a create got no readable answer: the run may exist and be billed; it was not sent again"),
  OTHER(1, "anything else (network, server 5xx, an answer that cannot be read, a file that cannot be written)"),
  INTERRUPTED(130, "stopped by SIGINT (Ctrl-C); runs not finished are printed with the command that continues them"),
  TERMINATED(143, "stopped by SIGTERM; runs not finished are printed with the command that continues them");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit code. */
  public int code() {
    return code;
  }

  /** What the code means, as {@code --help} and docs/cli.md say. */
  public String meaning() {
    return meaning;
  }

  /**
   * The exit code for an error. A signal is not an error: {@link #INTERRUPTED} and {@link
   * #TERMINATED} come from {@link Interruption}, never from here.
   */
  public static ExitCode of(Throwable error) {
    if (error instanceof RunMayExistException) {
      return RUN_MAY_EXIST;
    }
    if (error instanceof ValidationException
        || error instanceof InvalidRequestException
        || error instanceof ConfigurationException
        || error instanceof InputException
        || error instanceof CommandLine.ParameterException) {
      return INVALID_INPUT;
    }
    if (error instanceof AuthenticationException || error instanceof PermissionDeniedException) {
      return AUTHENTICATION;
    }
    if (error instanceof InsufficientBalanceException) {
      return INSUFFICIENT_BALANCE;
    }
    if (error instanceof RateLimitedException || error instanceof UsageExceededException) {
      return RATE_LIMITED;
    }
    if (error instanceof RunFailedException) {
      return RUN_FAILED;
    }
    if (error instanceof DeadlineExceededException) {
      return DEADLINE;
    }
    if (error instanceof RunNotFoundException) {
      return RUN_NOT_FOUND;
    }
    return OTHER;
  }

  /** The codes and their meanings, for picocli's exit code list in {@code --help}. */
  static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode exitCode : values()) {
      list.put(Integer.toString(exitCode.code), exitCode.meaning);
    }
    return list;
  }
}
