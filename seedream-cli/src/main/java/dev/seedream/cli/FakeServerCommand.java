package dev.seedream.cli;

import dev.seedream.testkit.internal.StandaloneMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code seedream fake-server}: the testkit's fake Runbase, as its runnable jar starts it. */
@Command(
    name = "fake-server",
    description = {"Starts a fake Runbase on 127.0.0.1, for trying things out and for tests.",
        "It serves until Ctrl-C, and prints its base URL and its API key (a test key only the fake accepts).",
        "Other flags go to the fake unchanged; 'seedream fake-server --help' lists them."},
    footer = {"", "Example: seedream fake-server --port 8080 --duration 2s"})
final class FakeServerCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N", description = "The API port (default 0: a free one).")
  Integer port;

  @Unmatched List<String> fakeArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    List<String> args = new ArrayList<>();
    if (port != null) {
      args.add("--port");
      args.add(port.toString());
    }
    args.addAll(fakeArguments);
    StandaloneMain.main(args.toArray(new String[0]));
    return ExitCode.SUCCESS.code();
  }
}
