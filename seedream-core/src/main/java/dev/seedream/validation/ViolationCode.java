package dev.seedream.validation;

/** The stable code of a {@link Violation}; {@link #id()} is what tools should match on. */
public enum ViolationCode {
  /** A required field is absent. */
  REQUIRED("required"),
  /** A value has the wrong JSON type: a number where a string belongs, say. */
  WRONG_TYPE("wrong_type"),
  /** A string is shorter than allowed. */
  TOO_SHORT("too_short"),
  /** A string is longer than allowed. */
  TOO_LONG("too_long"),
  /** A string holds only whitespace. */
  BLANK("blank"),
  /** A value is not one of the allowed values. */
  NOT_ALLOWED("not_allowed"),
  /** A list holds more items than allowed. */
  TOO_MANY("too_many"),
  /** A URL does not parse, is not absolute, or has a scheme other than the allowed ones. */
  INVALID_URL("invalid_url"),
  /** An inline image is larger than allowed. */
  TOO_LARGE("too_large"),
  /** A field that the model does not know. */
  UNKNOWN_FIELD("unknown_field"),
  /** The body names another model. */
  WRONG_MODEL("wrong_model");

  private final String id;

  ViolationCode(String id) {
    this.id = id;
  }

  /** The code as text: {@code "too_long"}. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
