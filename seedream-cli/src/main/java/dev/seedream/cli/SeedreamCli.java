package dev.seedream.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code seedream} command: {@code generate}, {@code batch}, {@code status}, {@code validate}
 * and {@code fake-server}.
 *
 * <pre>{@code
 * int exitCode = SeedreamCli.execute(CliContext.system(), "generate", "--fake", "a ceramic lamp", "--out", "out/");
 * }</pre>
 *
 * <p>Every error ends in one place, {@link #handle}: one line on standard error and the exit code
 * that {@link ExitCode#of(Throwable)} gives it.
 */
@Command(
    name = "seedream",
    mixinStandardHelpOptions = true,
    versionProvider = SeedreamCli.Version.class,
    description = "Generates images with ByteDance Seedream 4.5 on the Runbase API.",
    footer = {"", "Environment:",
        "  RUNBASE_API_KEY   your Runbase key (sk-...); not needed with --fake",
        "  RUNBASE_BASE_URL  the API's base URL (default: https://runbase.net)",
        "", "Try it without a key:", "  seedream generate --fake \"a ceramic lamp\" --out out/"})
public final class SeedreamCli implements Runnable {
  @Spec CommandSpec spec;

  private SeedreamCli() {}

  /** Runs the command line and returns its exit code; never calls {@code System.exit}. */
  public static int execute(CliContext context, String... args) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(args, "args");
    return commandLine(context).execute(args);
  }

  /** The command line, with its subcommands, output, error handling and exit codes set up. */
  static CommandLine commandLine(CliContext context) {
    CommandLine line = new CommandLine(new SeedreamCli())
        .addSubcommand(new GenerateCommand(context))
        .addSubcommand(new BatchCommand(context))
        .addSubcommand(new StatusCommand(context))
        .addSubcommand(new ValidateCommand(context))
        .addSubcommand(new FakeServerCommand())
        .addSubcommand(new CommandLine.HelpCommand());
    line.setOut(context.out());
    line.setErr(context.err());
    line.setExecutionExceptionHandler((error, commandLine, parseResult) -> handle(error, commandLine));
    line.setParameterExceptionHandler((error, args) -> {
      CommandLine where = error.getCommandLine();
      handle(error, where);
      where.getErr().println("Run '" + where.getCommandSpec().qualifiedName() + " --help' for the options.");
      return ExitCode.of(error).code();
    });
    exitCodesInHelp(line);
    return line;
  }

  /** Prints the error (never with the key: no message of the SDK holds it) and gives its code. */
  private static int handle(Exception error, CommandLine commandLine) {
    ErrorLines.print(commandLine.getErr(), error);
    return ExitCode.of(error).code();
  }

  private static void exitCodesInHelp(CommandLine line) {
    line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
    line.getSubcommands().values().forEach(SeedreamCli::exitCodesInHelp);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: generate, batch, status, validate or fake-server");
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = SeedreamCli.class.getPackage().getImplementationVersion();
      return new String[] {"seedream " + (version == null ? "(development build)" : version)};
    }
  }
}
