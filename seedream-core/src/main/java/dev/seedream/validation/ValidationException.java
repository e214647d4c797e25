package dev.seedream.validation;

import dev.seedream.SeedreamException;
import java.util.List;

/**
 * Input broke one or more rules of the model; nothing was sent. The message lists every violation,
 * one per line; {@link #violations()} gives them as values.
 */
public class ValidationException extends SeedreamException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(message(violations));
    this.violations = List.copyOf(violations);
  }

  private static String message(List<Violation> violations) {
    StringBuilder out =
        new StringBuilder("invalid request, nothing was sent (")
            .append(violations.size())
            .append(violations.size() == 1 ? " problem):" : " problems):");
    for (Violation violation : violations) {
      out.append("\n  - ").append(violation);
    }
    return out.toString();
  }

  public List<Violation> violations() {
    return violations;
  }
}
