package dev.seedream.codec.gson.internal;

import java.util.List;
import java.util.Set;

/**
 * The top-level members of a run answer that the SDK reads: {@link RunReader} reads these and skips
 * every other, and {@link RunSkimmer} keeps these and drops every other. One list for both, so that
 * the skimmer never drops what the reader needs.
 */
final class RunFields {
  static final String ID = "id";
  static final String STATUS = "status";
  static final String OUTPUT = "output";
  static final String ERROR = "error";
  static final String MODEL = "model";
  static final String CREATED_AT = "created_at";
  static final String STARTED_AT = "started_at";
  static final String COMPLETED_AT = "completed_at";

  /** Every member read, by its decoded name, in the order of the documentation. */
  static final List<String> ORDER = List.of(ID, STATUS, OUTPUT, ERROR, MODEL, CREATED_AT, STARTED_AT, COMPLETED_AT);

  /** The same names, for look-ups. */
  static final Set<String> ALL = Set.copyOf(ORDER);

  /** The longest name in {@link #ALL}, in characters. */
  static final int LONGEST = ALL.stream().mapToInt(String::length).max().orElseThrow();

  private RunFields() {}
}
