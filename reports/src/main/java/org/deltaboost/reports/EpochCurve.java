package org.deltaboost.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deltaboost.records.EpochRecord;

/**
 * A per-epoch quantity of one label over its seeds (paper Fig 1, 3, 4, 5): at epoch {@code e} the
 * median, minimum and maximum of the values of the trials whose epoch {@code e} has one (a diverged
 * trial contributes its epochs before divergence; an epoch without the field is skipped), and how
 * many trials that is. Epochs where no trial has a value are left out.
 */
record EpochCurve(
    String label,
    List<Integer> epochs,
    List<Double> median,
    List<Double> min,
    List<Double> max,
    List<Integer> trials) {

  /** The curve of {@code value} (null where an epoch lacks it) over {@code trials}. */
  static EpochCurve over(
      String label, List<TrialRecord> trials, Function<EpochRecord, Double> value) {
    int longest = trials.stream().mapToInt(t -> t.epochs().size()).max().orElse(0);
    List<Integer> epochs = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    List<Double> min = new ArrayList<>();
    List<Double> max = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int e = 0; e < longest; e++) {
      List<Double> values = new ArrayList<>();
      for (TrialRecord t : trials) {
        Double v = e < t.epochs().size() ? value.apply(t.epochs().get(e)) : null;
        if (v != null) {
          values.add(v);
        }
      }
      if (values.isEmpty()) {
        continue;
      }
      epochs.add(e + 1);
      median.add(Median.of(values));
      min.add(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
      max.add(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      counts.add(values.size());
    }
    return new EpochCurve(label, epochs, median, min, max, counts);
  }

  /** Top-1 test error per epoch. */
  static EpochCurve testError(String label, List<TrialRecord> trials) {
    return over(label, trials, e -> e.result().testError());
  }
}
