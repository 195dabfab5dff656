package org.deltaboost.harness.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;

/**
 * A strategy against a reference, seed by seed ({@link PairedDifference}): the trials of the two
 * with the same seed started from the same weights and saw the same batches, so their difference is
 * the strategy's effect at that seed. Each field is the median of the per-seed differences with its
 * bootstrap 95% interval ({@link BootstrapMedian}, {@value BootstrapMedian#RESAMPLES} resamples of
 * the pairs).
 */
public final class PairedDifferences {
  private PairedDifferences() {}

  /**
   * Pairs the completed trials of two strategies by seed.
   *
   * @param strategy the strategy's label
   * @param trials its completed trials' metrics by seed
   * @param reference the reference's label
   * @param referenceTrials the reference's completed trials' metrics by seed
   * @param bootstrapSeed seed of the bootstrap resampling
   */
  public static PairedDifference of(
      String strategy,
      Map<Long, TrialMetrics> trials,
      String reference,
      Map<Long, TrialMetrics> referenceTrials,
      long bootstrapSeed) {
    List<TrialMetrics[]> pairs = new ArrayList<>();
    trials.forEach(
        (seed, m) -> {
          TrialMetrics r = referenceTrials.get(seed);
          if (m != null && r != null) {
            pairs.add(new TrialMetrics[] {m, r});
          }
        });
    return new PairedDifference(
        strategy,
        reference,
        pairs.size(),
        difference(pairs, TrialMetrics::minTestError, bootstrapSeed),
        difference(pairs, TrialMetrics::finalTestError, bootstrapSeed),
        difference(pairs, TrialMetrics::earlyTestError, bootstrapSeed),
        relative(pairs, TrialMetrics::convergenceEpoch, bootstrapSeed),
        difference(pairs, TrialMetrics::epochsToTarget, bootstrapSeed),
        relative(pairs, TrialMetrics::epochsToTarget, bootstrapSeed),
        difference(pairs, TrialMetrics::secondsToTarget, bootstrapSeed),
        relative(pairs, TrialMetrics::secondsToTarget, bootstrapSeed),
        difference(pairs, TrialMetrics::maxMeanIou, bootstrapSeed),
        difference(pairs, TrialMetrics::hiddenGradientRmsLog10, bootstrapSeed));
  }

  /** {@code s − r} over the pairs where both are finite. */
  private static Interval difference(
      List<TrialMetrics[]> pairs, ToDoubleFunction<TrialMetrics> metric, long seed) {
    List<Double> values = new ArrayList<>();
    for (TrialMetrics[] p : pairs) {
      double s = metric.applyAsDouble(p[0]);
      double r = metric.applyAsDouble(p[1]);
      if (Double.isFinite(s) && Double.isFinite(r)) {
        values.add(s - r);
      }
    }
    return estimate(values, seed);
  }

  /** {@code s / r − 1}; an infinite {@code r} with a finite {@code s} is −1, both infinite none. */
  static Interval relative(
      List<TrialMetrics[]> pairs, ToDoubleFunction<TrialMetrics> metric, long seed) {
    List<Double> values = new ArrayList<>();
    for (TrialMetrics[] p : pairs) {
      double s = metric.applyAsDouble(p[0]);
      double r = metric.applyAsDouble(p[1]);
      if (Double.isInfinite(s) && Double.isInfinite(r)) {
        continue;
      }
      values.add(
          Double.isInfinite(r) ? -1 : Double.isInfinite(s) ? Double.POSITIVE_INFINITY : s / r - 1);
    }
    return estimate(values, seed);
  }

  private static Interval estimate(List<Double> values, long seed) {
    if (values.isEmpty()) {
      return null;
    }
    return BootstrapMedian.of(
        values.stream().mapToDouble(Double::doubleValue).toArray(),
        BootstrapMedian.RESAMPLES,
        seed);
  }
}
