package org.deltaboost.harness.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.harness.train.EpochResult;

/**
 * One strategy's trials of a grid, summarized over seeds: medians with bootstrap 95% intervals
 * ({@link BootstrapMedian}) of the final and minimum test error, of the paper's convergence epoch
 * (epoch of the minimum error within the budget), and of time-to-accuracy: the first epoch whose
 * test error is at most the target, and the training seconds (evaluation excluded) up to the end of
 * that epoch; a trial that never reaches the target counts as {@code +∞}. Only completed trials
 * enter the estimates; diverged ones are counted.
 *
 * @param strategy the strategy label
 * @param trials trials found
 * @param completed trials that trained every epoch
 * @param diverged trials stopped by a non-finite loss
 * @param reachedTarget completed trials that reached the target error
 * @param finalTestError estimate of the last epoch's error, or {@code null} without completed
 *     trials
 * @param minTestError estimate of the minimum error
 * @param convergenceEpoch estimate of the epoch of the minimum error
 * @param epochsToTarget estimate of the epochs to reach the target
 * @param secondsToTarget estimate of the training seconds to reach the target
 */
public record StrategySummary(
    String strategy,
    int trials,
    int completed,
    int diverged,
    int reachedTarget,
    BootstrapMedian.Estimate finalTestError,
    BootstrapMedian.Estimate minTestError,
    BootstrapMedian.Estimate convergenceEpoch,
    BootstrapMedian.Estimate epochsToTarget,
    BootstrapMedian.Estimate secondsToTarget) {

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
    BootstrapMedian.Estimate[] estimates = new BootstrapMedian.Estimate[5];
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

  /**
   * Returns the summary as JSON-ready maps; {@code +∞} (target not reached) becomes {@code null}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("strategy", strategy);
    map.put("trials", trials);
    map.put("completed", completed);
    map.put("diverged", diverged);
    map.put("reachedTarget", reachedTarget);
    map.put("finalTestError", json(finalTestError));
    map.put("minTestError", json(minTestError));
    map.put("convergenceEpoch", json(convergenceEpoch));
    map.put("epochsToTarget", json(epochsToTarget));
    map.put("secondsToTarget", json(secondsToTarget));
    return map;
  }

  private static Map<String, Object> json(BootstrapMedian.Estimate e) {
    if (e == null) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("median", finite(e.median()));
    map.put("low", finite(e.low()));
    map.put("high", finite(e.high()));
    return map;
  }

  private static Double finite(double v) {
    return Double.isInfinite(v) ? null : v;
  }
}
