package org.deltaboost.records;

/**
 * One strategy's entry in a grid's {@code summary.json} ({@code "strategies": […]}), in this field
 * order: the trial counts and medians over seeds with bootstrap intervals of the final and minimum
 * test error, of the paper's convergence epoch (epoch of the minimum error within the budget), and
 * of time-to-accuracy (the first epoch whose test error is at most the target, and the training
 * seconds up to the end of it). Only completed trials enter the estimates; an interval is {@code
 * null} (in the file too) when no trial of the strategy completed.
 *
 * @param strategy the strategy label; its trial folders are {@code <strategy>-s<seed>/}
 * @param trials trials found
 * @param completed trials that trained every epoch
 * @param diverged trials stopped by a non-finite loss
 * @param reachedTarget completed trials that reached the target error
 * @param finalTestError the last epoch's test error
 * @param minTestError the minimum test error
 * @param convergenceEpoch the epoch of the minimum test error
 * @param epochsToTarget epochs to reach the target error ({@code +∞}: not reached)
 * @param secondsToTarget training seconds to reach the target error ({@code +∞}: not reached)
 */
public record StrategySummary(
    String strategy,
    int trials,
    int completed,
    int diverged,
    int reachedTarget,
    Interval finalTestError,
    Interval minTestError,
    Interval convergenceEpoch,
    Interval epochsToTarget,
    Interval secondsToTarget) {}
