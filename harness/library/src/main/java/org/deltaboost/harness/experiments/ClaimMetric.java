package org.deltaboost.harness.experiments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.function.Function;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;

/**
 * The {@link PairedDifference} field a {@link Claim} is judged on, with its default equivalence
 * margin: {@value #ERROR_MARGIN_POINTS} points of error (or of mean IoU) for the error metrics,
 * {@value #RELATIVE_MARGIN_PERCENT}% for the relative ones (epochs, seconds). A claim may state its
 * own.
 */
public enum ClaimMetric {
  MIN_TEST_ERROR("minTestError", PairedDifference::minTestError, false),
  FINAL_TEST_ERROR("finalTestError", PairedDifference::finalTestError, false),
  EARLY_TEST_ERROR("earlyTestError", PairedDifference::earlyTestError, false),
  CONVERGENCE_EPOCH("convergenceEpochRelative", PairedDifference::convergenceEpochRelative, true),
  EPOCHS_TO_TARGET("epochsToTargetRelative", PairedDifference::epochsToTargetRelative, true),
  SECONDS_TO_TARGET("secondsToTargetRelative", PairedDifference::secondsToTargetRelative, true),
  MAX_MEAN_IOU("maxMeanIou", PairedDifference::maxMeanIou, false);

  /** Default margin of the error metrics, in points (0.3 points = an error difference of 0.003). */
  public static final double ERROR_MARGIN_POINTS = 0.3;

  /** Default margin of the relative metrics, in percent. */
  public static final int RELATIVE_MARGIN_PERCENT = 10;

  private final String field;
  private final Function<PairedDifference, Interval> read;
  private final boolean relative;

  ClaimMetric(String field, Function<PairedDifference, Interval> read, boolean relative) {
    this.field = field;
    this.read = read;
    this.relative = relative;
  }

  /** The field's name in {@code summary.json} and in experiment files. */
  @JsonValue
  public String field() {
    return field;
  }

  /**
   * The metric a field name names.
   *
   * @throws IllegalArgumentException naming the value and the names known
   */
  @JsonCreator
  public static ClaimMetric of(String field) {
    for (ClaimMetric m : values()) {
      if (m.field.equals(field)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown claim metric '"
            + field
            + "', expected one of "
            + Arrays.stream(values()).map(ClaimMetric::field).toList());
  }

  /** Whether values are relative differences (−0.25: 25% less) rather than error fractions. */
  public boolean relative() {
    return relative;
  }

  /** The default equivalence margin, in the metric's units. */
  public double defaultMargin() {
    return relative ? RELATIVE_MARGIN_PERCENT / 100.0 : ERROR_MARGIN_POINTS / 100;
  }

  /** This metric's estimate in a paired difference ({@code null} when it has none). */
  public Interval of(PairedDifference difference) {
    return read.apply(difference);
  }
}
