package org.deltaboost.records;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one epoch measured: the first fields of an {@code epochs.jsonl} line ({@link EpochRecord}),
 * in this order, and the form a checkpoint keeps its epochs in. Absent optional fields are left
 * out.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean over the epoch's steps of the strategy's readable loss
 * @param testError classification: fraction of test samples whose argmax(z) is not the label (top-1
 *     error); segmentation: fraction of scored pixels (label ≠ 255) whose argmax is wrong
 * @param seconds wall time of the epoch's training steps (evaluation excluded)
 * @param samplesPerSecond training samples per second
 * @param evalSeconds wall time of the test evaluation
 * @param top5Error fraction of test samples whose label is not among the 5 highest scores (fewer
 *     than 5 classes score strictly higher); only for datasets reported with it (ImageNet,
 *     CIFAR-100), else {@code null} and left out of the record
 * @param meanIou segmentation: mean over classes of the intersection over union, over the classes
 *     present in the truth or the prediction; else {@code null}
 * @param classIou segmentation: per class the intersection over union, {@code null} for a class
 *     neither present nor predicted; else {@code null}
 */
// Record lines also hold probe fields (EpochProbes), read separately.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochResult(
    int epoch,
    double trainLoss,
    double testError,
    double seconds,
    double samplesPerSecond,
    double evalSeconds,
    Double top5Error,
    Double meanIou,
    List<Double> classIou) {

  /** An epoch of a classification run without top-5. */
  public EpochResult(
      int epoch,
      double trainLoss,
      double testError,
      double seconds,
      double samplesPerSecond,
      double evalSeconds) {
    this(epoch, trainLoss, testError, seconds, samplesPerSecond, evalSeconds, null, null, null);
  }

  /** Copies the per-class list, which may hold nulls. */
  public EpochResult {
    classIou =
        classIou == null
            ? null
            : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classIou));
  }
}
