package org.deltaboost.harness.experiments;

import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.Interval;
import org.deltaboost.records.StrategySummary;

/**
 * Summarizes one strategy's trials of a grid over seeds into its {@code summary.json} entry ({@link
 * StrategySummary}): medians with bootstrap 95% intervals ({@link BootstrapMedian}) of the final
 * and minimum test error, of the paper's convergence epoch (epoch of the minimum error within the
 * budget), and of time-to-accuracy: the first epoch whose test error is at most the target, and the
 * training seconds (evaluation excluded) up to the end of that epoch; a trial that never reaches
 * the target counts as {@code +∞}. Only completed trials enter the estimates; diverged ones are
 * counted.
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
      } else if (RunRecord.COMPLETED.equals(record.status()) && !record.epochs().isEmpty()) {
        List<EpochResult> epochs = record.epochs();
        double min = Double.POSITIVE_INFINITY;
        int argmin = 0;
        double toTargetEpochs = Double.POSITIVE_INFINITY;
        double toTargetSeconds = Double.POSITIVE_INFINITY;
        double seconds = 0;
        for (EpochResult e : epochs) {
          seconds += e.seconds();
          if (e.testError() < min) {
            min = e.testError();
            argmin = e.epoch();
          }
          if (e.testError() <= targetError && toTargetEpochs == Double.POSITIVE_INFINITY) {
            toTargetEpochs = e.epoch();
            toTargetSeconds = seconds;
          }
        }
        if (toTargetEpochs != Double.POSITIVE_INFINITY) {
          reached++;
        }
        rows.add(
            new double[] {
              epochs.get(epochs.size() - 1).testError(),
              min,
              argmin,
              toTargetEpochs,
              toTargetSeconds
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
