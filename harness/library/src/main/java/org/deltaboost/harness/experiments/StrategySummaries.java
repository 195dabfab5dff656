package org.deltaboost.harness.experiments;

import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.Interval;
import org.deltaboost.records.StrategySummary;

/**
 * Summarizes one strategy's trials of a grid over seeds into its {@code summary.json} entry ({@link
 * StrategySummary}): medians with bootstrap 95% intervals ({@link BootstrapMedian}) of each trial's
 * {@link TrialMetrics}: the final and minimum test error, the paper's convergence epoch (epoch of
 * the minimum error within the budget), and time-to-accuracy (epochs and training seconds; a trial
 * that never reaches the target counts as {@code +∞}). Only completed trials enter the estimates;
 * diverged ones are counted.
 */
public final class StrategySummaries {
  private StrategySummaries() {}

  /**
   * Summarizes a strategy's run records.
   *
   * @param strategy the label
   * @param records its trials' records
   * @param targetError the target for time-to-accuracy
   * @param bootstrapSeed seed of the bootstrap resampling
   */
  public static StrategySummary of(
      String strategy, List<RunRecord> records, double targetError, long bootstrapSeed) {
    List<double[]> rows = new ArrayList<>(); // final, min, convergence epoch, epochs, seconds
    int diverged = 0;
    int reached = 0;
    for (RunRecord record : records) {
      if (RunRecord.DIVERGED.equals(record.status())) {
        diverged++;
        continue;
      }
      TrialMetrics m = TrialMetrics.of(record, targetError);
      if (m != null) {
        reached += m.reachedTarget() ? 1 : 0;
        rows.add(
            new double[] {
              m.finalTestError(),
              m.minTestError(),
              m.convergenceEpoch(),
              m.epochsToTarget(),
              m.secondsToTarget()
            });
      }
    }
    Interval[] estimates = new Interval[5];
    if (!rows.isEmpty()) {
      for (int c = 0; c < 5; c++) {
        double[] column = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          column[r] = rows.get(r)[c];
        }
        estimates[c] = BootstrapMedian.of(column, BootstrapMedian.RESAMPLES, bootstrapSeed);
      }
    }
    return new StrategySummary(
        strategy,
        records.size(),
        rows.size(),
        diverged,
        reached,
        estimates[0],
        estimates[1],
        estimates[2],
        estimates[3],
        estimates[4]);
  }
}
