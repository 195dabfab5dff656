package org.deltaboost.harness.experiments;

import java.util.List;
import org.deltaboost.harness.runs.RunRecord;
import org.deltaboost.records.EpochResult;
import org.deltaboost.records.PairedDifference;

/**
 * What a grid's summaries and paired differences read from one completed trial: the final and
 * minimum test error, the epoch of the minimum (the paper's convergence epoch), the mean test error
 * over the first {@value PairedDifference#EARLY_EPOCHS} epochs, and time-to-accuracy: the first
 * epoch whose test error is at most the target and the training seconds (evaluation excluded) up to
 * its end, {@code +∞} when the target is never reached; and the hidden-layer gradient RMS of Fig 3
 * on a log scale ({@link HiddenGradientRms}).
 *
 * @param finalTestError the last epoch's test error
 * @param minTestError the minimum test error
 * @param convergenceEpoch the (first) epoch of the minimum
 * @param earlyTestError the mean test error of the first epochs
 * @param epochsToTarget epochs to the target, or {@code +∞}
 * @param secondsToTarget training seconds to the target, or {@code +∞}
 * @param maxMeanIou the best mean IoU of an epoch, or {@code NaN} when no epoch measured one
 * @param hiddenGradientRmsLog10 {@link HiddenGradientRms#log10Mean}, or {@code NaN} when the
 *     gradient RMS was not recorded
 */
public record TrialMetrics(
    double finalTestError,
    double minTestError,
    int convergenceEpoch,
    double earlyTestError,
    double epochsToTarget,
    double secondsToTarget,
    double maxMeanIou,
    double hiddenGradientRmsLog10) {

  /**
   * Measures a trial's record.
   *
   * @return its metrics, or {@code null} unless it completed with at least one epoch
   */
  public static TrialMetrics of(RunRecord record, double targetError) {
    if (!RunRecord.COMPLETED.equals(record.status()) || record.epochs().isEmpty()) {
      return null;
    }
    List<EpochResult> epochs = record.epochs();
    double min = Double.POSITIVE_INFINITY;
    int argmin = 0;
    double toTargetEpochs = Double.POSITIVE_INFINITY;
    double toTargetSeconds = Double.POSITIVE_INFINITY;
    double seconds = 0;
    double earlySum = 0;
    double bestIou = Double.NaN;
    int early = Math.min(PairedDifference.EARLY_EPOCHS, epochs.size());
    for (int i = 0; i < epochs.size(); i++) {
      EpochResult e = epochs.get(i);
      seconds += e.seconds();
      if (e.meanIou() != null && !(e.meanIou() <= bestIou)) {
        bestIou = e.meanIou();
      }
      if (i < early) {
        earlySum += e.testError();
      }
      if (e.testError() < min) {
        min = e.testError();
        argmin = e.epoch();
      }
      if (e.testError() <= targetError && toTargetEpochs == Double.POSITIVE_INFINITY) {
        toTargetEpochs = e.epoch();
        toTargetSeconds = seconds;
      }
    }
    return new TrialMetrics(
        epochs.get(epochs.size() - 1).testError(),
        min,
        argmin,
        earlySum / early,
        toTargetEpochs,
        toTargetSeconds,
        bestIou,
        HiddenGradientRms.log10Mean(record.probes()));
  }

  /** Whether the trial reached the target error. */
  public boolean reachedTarget() {
    return epochsToTarget != Double.POSITIVE_INFINITY;
  }
}
