package org.deltaboost.reports;

/**
 * A median with its interval as {@code summary.json} stores it (percentile bootstrap); any part is
 * {@code null} when no trial gave a value (e.g. a target error never reached).
 */
public record Interval(Double median, Double low, Double high) {
  /** True when the median exists. */
  public boolean present() {
    return median != null;
  }
}
