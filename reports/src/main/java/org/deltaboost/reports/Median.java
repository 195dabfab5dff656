package org.deltaboost.reports;

import java.util.Arrays;
import java.util.Collection;

/**
 * The sample median: the middle value of the sorted sample, or the mean of the two middle values.
 */
final class Median {
  private Median() {}

  static double of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of an empty sample");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
