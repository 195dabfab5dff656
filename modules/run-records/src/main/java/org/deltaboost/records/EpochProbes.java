package org.deltaboost.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What the probes (the harness's {@code probes} settings) measured in one epoch: the probe fields
 * of an {@code epochs.jsonl} line ({@link EpochRecord}), written after the {@link EpochResult}
 * fields in this order. A probe that is off, or a histogram not asked for this epoch, is {@code
 * null} and left out of the line.
 *
 * @param deltaHistogram the first batch's output deltas (Fig 2)
 * @param gradientRms per parameter name (forward order), the mean over the epoch's steps of {@code
 *     sqrt(mean(g²))} of its gradient (Fig 3)
 * @param gradientRmsOutputLayer the output layer's name prefix in {@code gradientRms}: the last
 *     parameterized layer in forward order
 * @param softmaxNormalization the softmax normalization term over the epoch (Fig 5)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochProbes(
    DeltaHistogram deltaHistogram,
    Map<String, Double> gradientRms,
    String gradientRmsOutputLayer,
    SoftmaxNormalization softmaxNormalization) {

  /** Nothing measured. */
  public static final EpochProbes NONE = new EpochProbes(null, null, null, null);
}
