package org.deltaboost.records;

/**
 * One strategy against the grid's reference strategy, seed by seed: a {@code summary.json} entry of
 * {@code "differences": […]}. For every seed both completed, the strategy's value minus the
 * reference's; each field is the median of those per-seed differences with its bootstrap 95%
 * interval, or {@code null} when no pair has a finite difference. Errors are fractions (0.003 is
 * 0.3 points). The {@code …Relative} fields are per-seed ratios minus one ({@code −0.25}: 25% fewer
 * epochs or seconds than the reference at the same seed); a seed where only the reference never
 * reached the target counts {@code −1}, where only the strategy never did {@code +∞}, where neither
 * did it is left out. The absolute time differences count only seeds where both reached the target.
 *
 * @param strategy the strategy label
 * @param reference the reference label
 * @param pairs seeds where both trials completed
 * @param minTestError difference of the minimum test error
 * @param finalTestError difference of the last epoch's test error
 * @param earlyTestError difference of the mean test error over the first {@value #EARLY_EPOCHS}
 *     epochs (or all epochs of a shorter run)
 * @param convergenceEpochRelative relative difference of the epoch of the minimum test error
 * @param epochsToTarget difference of the epochs to the target error
 * @param epochsToTargetRelative relative difference of the epochs to the target error
 * @param secondsToTarget difference of the training seconds to the target error
 * @param secondsToTargetRelative relative difference of the training seconds to the target error
 * @param maxMeanIou difference of the best mean IoU over epochs (segmentation; {@code null}
 *     otherwise)
 * @param hiddenGradientRmsLog10 difference of the hidden layers' mean log10 gradient RMS over the
 *     first ten epochs (Fig 3): the log10 of the ratio, {@code +1} an order of magnitude higher
 *     ({@code null} when the gradient RMS probe was off)
 */
public record PairedDifference(
    String strategy,
    String reference,
    int pairs,
    Interval minTestError,
    Interval finalTestError,
    Interval earlyTestError,
    Interval convergenceEpochRelative,
    Interval epochsToTarget,
    Interval epochsToTargetRelative,
    Interval secondsToTarget,
    Interval secondsToTargetRelative,
    Interval maxMeanIou,
    Interval hiddenGradientRmsLog10) {

  /** Epochs whose mean test error is the early error (the paper's "first 2–5 epochs"). */
  public static final int EARLY_EPOCHS = 5;
}
