package dev.seedream.cli;

import dev.seedream.validation.RequestValidator;
import dev.seedream.validation.ValidationResult;
import dev.seedream.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seedream validate}: checks a create body or an input object against the model's rules. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Checks a create body or an input object against the model's rules, sending nothing.",
        "FILE holds a JSON create body {\"model\": .., \"input\": {..}} or an input object {\"prompt\": ..};",
        "the rules are those of bytedance/seedream-4.5.",
        "Prints every violation with its path and code, one per line; exit code 2 when there is one.",
        "An object with a \"model\" or \"input\" field is read as a create body, any other as an input object."})
final class ValidateCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "FILE|-", description = "The JSON file; '-' reads standard input.")
  String file;

  ValidateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String name = file.equals("-") ? "standard input" : file;
    Map<?, ?> json = Json.object(read(), name);
    boolean body = json.containsKey("model") || json.containsKey("input");
    ValidationResult result = body ? RequestValidator.validateBody(json) : RequestValidator.validateInput(json);
    String kind = body ? "create body" : "input object";
    if (result.isValid()) {
      context.out().println(name + ": a valid " + kind);
      context.out().flush();
      return ExitCode.SUCCESS.code();
    }
    for (Violation violation : result.violations()) {
      context.out().println(violation.path() + " [" + violation.code().id() + "]: " + violation.message());
    }
    context.out().flush();
    int count = result.violations().size();
    context.err().println(name + ": not a valid " + kind + " (" + count + (count == 1 ? " problem)" : " problems)"));
    context.err().flush();
    return ExitCode.INVALID_INPUT.code();
  }

  private String read() {
    try {
      return file.equals("-")
          ? new String(context.in().readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(context.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
