package org.deltaboost.records;

import java.util.Locale;

/**
 * The unit of a paired difference's field ({@link PairedDifference}), told by its name, and how a
 * value in it is written for people.
 */
public enum MetricUnit {
  /** A difference of error or mean IoU fractions, written in points: {@code −0.31 points}. */
  FRACTION,
  /** A ratio minus one ({@code …Relative}), written in percent: {@code −25%}. */
  RELATIVE,
  /**
   * A difference of log10 values ({@code …Log10}), in orders of magnitude: {@code +1.05 orders}.
   */
  LOG10;

  /** The unit of the field {@code name}. */
  public static MetricUnit of(String name) {
    if (name.endsWith("Relative")) {
      return RELATIVE;
    }
    if (name.endsWith("Log10")) {
      return LOG10;
    }
    return FRACTION;
  }

  /** {@code value} in this unit for people; infinities as {@code +∞} and {@code −∞}. */
  public String format(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+∞" : "−∞";
    }
    return switch (this) {
      case RELATIVE -> String.format(Locale.ROOT, "%+.0f%%", 100 * value);
      case LOG10 -> String.format(Locale.ROOT, "%+.2f orders of magnitude", value);
      case FRACTION -> String.format(Locale.ROOT, "%+.2f points", 100 * value);
    };
  }
}
