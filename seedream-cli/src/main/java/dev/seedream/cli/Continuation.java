package dev.seedream.cli;

import dev.seedream.RunId;
import dev.seedream.internal.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command that continues what a stopped command left, as a user can paste it into a shell: for
 * a run, {@code seedream status RUN_ID --wait --out DIR}; for a batch, the batch's own command line.
 */
final class Continuation {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

  private Continuation() {}

  /**
   * The line that names a run the command leaves unfinished and how to continue it.
   *
   * @param out the {@code --out} as the user gave it; null when nothing is to be downloaded
   */
  static String forRun(RunId runId, String out, ClientOptions client, boolean json) {
    String id = Texts.printable(runId.value());
    if (client.fake) {
      return "run " + id + " is not finished; it was on the in-process --fake server, which ends with this command";
    }
    List<String> words = new ArrayList<>(List.of("seedream", "status", id, "--wait"));
    if (out == null) {
      words.add("--no-download");
    } else {
      words.add("--out");
      words.add(out);
    }
    if (client.baseUrl != null) {
      words.add("--base-url");
      words.add(client.baseUrl);
    }
    if (client.redis != null && !client.redis.contains("@")) {
      // a URI with a password is left out: it would print the password
      words.add("--redis");
      words.add(client.redis);
    }
    if (client.transport != TransportChoice.APACHE) {
      words.add("--transport");
      words.add(client.transport.toString());
    }
    if (json) {
      words.add("--json");
    }
    return "run " + id + " is not finished; continue with: " + shell(words);
  }

  /** The command line {@code seedream ARGS...}, each argument quoted for a POSIX shell where needed. */
  static String sameCommand(List<String> args) {
    List<String> words = new ArrayList<>();
    words.add("seedream");
    words.addAll(args);
    return shell(words);
  }

  /** Words joined with spaces, each quoted for a POSIX shell where needed, and printable. */
  static String shell(List<String> words) {
    List<String> quoted = new ArrayList<>();
    for (String word : words) {
      String shown = Texts.printable(word);
      quoted.add(PLAIN.matcher(shown).matches() ? shown : "'" + shown.replace("'", "'\"'\"'") + "'");
    }
    return String.join(" ", quoted);
  }
}
