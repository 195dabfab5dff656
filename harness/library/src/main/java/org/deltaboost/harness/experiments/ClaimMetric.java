package org.deltaboost.harness.experiments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.function.Function;
import org.deltaboost.records.Interval;
import org.deltaboost.records.MetricUnit;
import org.deltaboost.records.PairedDifference;

/**
 * The {@link PairedDifference} field a {@link Claim} is judged on, with its default equivalence
 * margin: {@value #ERROR_MARGIN_POINTS} points of error (or of mean IoU) for the error metrics,
 * {@value #RELATIVE_MARGIN_PERCENT}% for the relative ones (epochs, seconds), {@value
 * #LOG10_MARGIN} orders of magnitude (a ratio within ×1.26) for the gradient RMS of Fig 3. A claim
 * may state its own.
 */
public enum ClaimMetric {
  MIN_TEST_ERROR("minTestError", PairedDifference::minTestError),
  FINAL_TEST_ERROR("finalTestError", PairedDifference::finalTestError),
  EARLY_TEST_ERROR("earlyTestError", PairedDifference::earlyTestError),
  CONVERGENCE_EPOCH("convergenceEpochRelative", PairedDifference::convergenceEpochRelative),
  EPOCHS_TO_TARGET("epochsToTargetRelative", PairedDifference::epochsToTargetRelative),
  SECONDS_TO_TARGET("secondsToTargetRelative", PairedDifference::secondsToTargetRelative),
  MAX_MEAN_IOU("maxMeanIou", PairedDifference::maxMeanIou),
  HIDDEN_GRADIENT_RMS("hiddenGradientRmsLog10", PairedDifference::hiddenGradientRmsLog10);

  /** Default margin of the error metrics, in points (0.3 points = an error difference of 0.003). */
  public static final double ERROR_MARGIN_POINTS = 0.3;

  /** Default margin of the relative metrics, in percent. */
  public static final int RELATIVE_MARGIN_PERCENT = 10;

  /** Default margin of the log10 metrics, in orders of magnitude. */
  public static final double LOG10_MARGIN = 0.1;

  private final String field;
  private final Function<PairedDifference, Interval> read;

  ClaimMetric(String field, Function<PairedDifference, Interval> read) {
    this.field = field;
    this.read = read;
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

  /** The metric's unit, which its field name says ({@link MetricUnit#of}). */
  public MetricUnit unit() {
    return MetricUnit.of(field);
  }

  /** The default equivalence margin, in the metric's units. */
  public double defaultMargin() {
    return switch (unit()) {
      case RELATIVE -> RELATIVE_MARGIN_PERCENT / 100.0;
      case LOG10 -> LOG10_MARGIN;
      case FRACTION -> ERROR_MARGIN_POINTS / 100;
    };
  }

  /** This metric's estimate in a paired difference ({@code null} when it has none). */
  public Interval of(PairedDifference difference) {
    return read.apply(difference);
  }
}
