package org.deltaboost.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * Test error per epoch of one label over its seeds (paper Fig 1): at epoch {@code e} the median,
 * minimum and maximum over the trials that have an epoch {@code e} (a diverged trial contributes
 * its epochs before divergence), and how many trials that is.
 */
record ErrorCurve(String label, List<Integer> epochs, List<Double> median, List<Double> min, List<Double> max,
    List<Integer> trials) {

  static ErrorCurve of(String label, List<TrialRecord> trials) {
    int longest = trials.stream().mapToInt(t -> t.testErrors().size()).max().orElse(0);
    List<Integer> epochs = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    List<Double> min = new ArrayList<>();
    List<Double> max = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int e = 0; e < longest; e++) {
      List<Double> values = new ArrayList<>();
      for (TrialRecord t : trials) {
        if (e < t.testErrors().size()) {
          values.add(t.testErrors().get(e));
        }
      }
      epochs.add(e + 1);
      median.add(Median.of(values));
      min.add(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
      max.add(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      counts.add(values.size());
    }
    return new ErrorCurve(label, epochs, median, min, max, counts);
  }
}
