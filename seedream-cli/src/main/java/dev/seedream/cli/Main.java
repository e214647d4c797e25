package dev.seedream.cli;

/** The entry point of {@code seedream.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(SeedreamCli.execute(CliContext.system(), args));
  }
}
