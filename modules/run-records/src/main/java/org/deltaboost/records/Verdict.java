package org.deltaboost.records;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What the evidence of a grid says about one of the paper's claims ({@link ClaimVerdict}); the rule
 * that decides it is the harness's {@code VerdictRule}.
 */
public enum Verdict {
  /**
   * The interval lies outside the margin, on the claimed side of zero, and reaches the claimed
   * size, if any.
   */
  SUPPORTED,
  /**
   * The interval lies outside the margin and on the other side of zero, or on the claimed side but
   * short of the claimed size.
   */
  REFUTED,
  /** The interval lies inside the claim's equivalence margin: no difference that matters. */
  EQUIVALENT,
  /** The interval is too wide to say; more trials would decide. */
  INCONCLUSIVE;

  /** The name in files and on screen, e.g. {@code supported}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The verdict a label names.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Verdict of(String label) {
    for (Verdict v : values()) {
      if (v.label().equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown verdict '" + label + "', expected supported, refuted, equivalent or inconclusive");
  }
}
