package org.deltaboost.harness.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What one epoch measured; one line of the run record's {@code epochs.jsonl}.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean over the epoch's steps of the strategy's readable loss
 * @param testError fraction of test samples whose argmax(z) is not the label
 * @param seconds wall time of the epoch's training steps (evaluation excluded)
 * @param samplesPerSecond training samples per second
 * @param evalSeconds wall time of the test evaluation
 */
// Record lines may also hold probe fields (EpochProbes), read separately.
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpochResult(
    int epoch,
    double trainLoss,
    double testError,
    double seconds,
    double samplesPerSecond,
    double evalSeconds) {}
