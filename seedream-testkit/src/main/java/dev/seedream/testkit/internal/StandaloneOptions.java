package dev.seedream.testkit.internal;

import dev.seedream.testkit.FakeRunbase;
import dev.seedream.testkit.Progression;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** The command line of the runnable jar, read into a {@link FakeRunbase.Builder}. */
final class StandaloneOptions {
  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar seedream-testkit-VERSION-standalone.jar [options]",
      "  --port N                    API port (default 0: a free one)",
      "  --image-port N              image origin port (default 0: a free one)",
      "  --key sk-...                accept this API key (repeatable; default: a generated sk-test- key)",
      "  --seed N                    seed of ids, keys and images (default 42)",
      "  --polls N                   a run is finished at its N-th read (default 3: pending, processing, done)",
      "  --duration 12s              a run is finished this long after it was created (ms, s, m, or ISO-8601)",
      "  --sigma X                   with --duration: lognormal spread of run durations (default 0)",
      "  --accelerate X              with --duration: time passes X times as fast",
      "  --no-rate-limit             turn off the documented 20 requests per 10 s per key",
      "  --balance 10.00             the account balance in dollars (a run costs 0.05)",
      "  --spend-limit 1.00          each key may spend at most this (403 beyond)",
      "  --quota N                   each key may create at most N runs (429 USAGE_EXCEEDED beyond)",
      "  --allowed-ip IP             only this client address is allowed (repeatable; 403 for others)",
      "  --fail-probability P        chance that a run ends failed (0 to 1)",
      "  --fail-when-prompt X        runs whose prompt contains X end failed (repeatable)",
      "  --images N                  images per run (default 1)",
      "  --image-scale N             images N times smaller than real (default 32)",
      "  --full-size-images          images at the real 2K/4K sizes",
      "  --stop-on-stdin-eof         stop when standard input is closed (besides SIGTERM / Ctrl-C)",
      "Control endpoint (on both origins): POST /__control/reset, POST /__control/inject {json},",
      "  DELETE /__control/inject, GET /__control/runs, GET /__control/journal, GET /__control/state",
      "Outage (on the image origin, which stays up): POST /__control/outage closes the API port, keeping",
      "  every run, charge and journal entry; POST /__control/restore opens the same port again");

  final FakeRunbase.Builder builder = FakeRunbase.builder();
  boolean stopOnStdinEof;
  boolean help;

  private StandaloneOptions() {}

  /** The options, or IllegalArgumentException saying which argument is wrong. */
  static StandaloneOptions parse(List<String> args) {
    StandaloneOptions options = new StandaloneOptions();
    Duration duration = null;
    double sigma = 0;
    double accelerate = 1;
    for (int i = 0; i < args.size(); i++) {
      String flag = args.get(i);
      switch (flag) {
        case "--help":
        case "-h":
          options.help = true;
          break;
        case "--no-rate-limit":
          options.builder.noRateLimit();
          break;
        case "--full-size-images":
          options.builder.fullSizeImages();
          break;
        case "--stop-on-stdin-eof":
          options.stopOnStdinEof = true;
          break;
        default:
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("unknown option or missing value: " + flag);
          }
          String value = args.get(++i);
          switch (flag) {
            case "--port":
              options.builder.port(integer(flag, value));
              break;
            case "--image-port":
              options.builder.imagePort(integer(flag, value));
              break;
            case "--key":
              options.builder.apiKeys(value);
              break;
            case "--seed":
              options.builder.seed(longValue(flag, value));
              break;
            case "--polls":
              int polls = integer(flag, value);
              if (polls < 1) {
                throw new IllegalArgumentException("--polls must be >= 1, but was " + polls);
              }
              options.builder.progression(Progression.afterPolls(polls > 1 ? 1 : 0, Math.max(0, polls - 2)));
              break;
            case "--duration":
              duration = duration(value);
              break;
            case "--sigma":
              sigma = decimal(flag, value);
              break;
            case "--accelerate":
              accelerate = decimal(flag, value);
              break;
            case "--balance":
              options.builder.balance(money(flag, value));
              break;
            case "--spend-limit":
              options.builder.spendLimitPerKey(money(flag, value));
              break;
            case "--quota":
              options.builder.runQuotaPerKey(longValue(flag, value));
              break;
            case "--allowed-ip":
              options.builder.allowedIps(value);
              break;
            case "--fail-probability":
              options.builder.failureProbability(decimal(flag, value));
              break;
            case "--fail-when-prompt":
              options.builder.failWhenPromptContains(value);
              break;
            case "--images":
              options.builder.imagesPerRun(integer(flag, value));
              break;
            case "--image-scale":
              options.builder.imageScale(integer(flag, value));
              break;
            default:
              throw new IllegalArgumentException("unknown option: " + flag);
          }
      }
    }
    if (duration != null) {
      Progression progression = Progression.lognormal(duration, sigma);
      options.builder.progression(accelerate == 1 ? progression : progression.accelerated(accelerate));
    }
    return options;
  }

  /** {@code 12s}, {@code 500ms}, {@code 2m} or ISO-8601 such as {@code PT12S}. */
  static Duration duration(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(value.trim());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
      }
      throw new NumberFormatException("no unit");
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("--duration must look like 12s, 500ms, 2m or PT12S, but was '" + value + "'", e);
    }
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, but was '" + value + "'", e);
    }
  }

  private static long longValue(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, but was '" + value + "'", e);
    }
  }

  private static double decimal(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, but was '" + value + "'", e);
    }
  }

  private static BigDecimal money(String flag, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an amount in dollars such as 10.00, but was '" + value + "'", e);
    }
  }
}
