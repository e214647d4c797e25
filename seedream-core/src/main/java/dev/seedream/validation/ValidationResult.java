package dev.seedream.validation;

import java.util.List;
import java.util.Objects;

/** The outcome of a validation: every violation found, in the order of the fields. */
public final class ValidationResult {
  private static final ValidationResult VALID = new ValidationResult(List.of());

  private final List<Violation> violations;

  private ValidationResult(List<Violation> violations) {
    this.violations = violations;
  }

  public static ValidationResult of(List<Violation> violations) {
    Objects.requireNonNull(violations, "violations");
    return violations.isEmpty() ? VALID : new ValidationResult(List.copyOf(violations));
  }

  public boolean isValid() {
    return violations.isEmpty();
  }

  public List<Violation> violations() {
    return violations;
  }

  /**
   * Returns normally when valid.
   *
   * @throws ValidationException listing every violation otherwise
   */
  public void throwIfInvalid() {
    if (!isValid()) {
      throw new ValidationException(violations);
    }
  }

  @Override
  public String toString() {
    return isValid() ? "valid" : violations.toString();
  }
}
