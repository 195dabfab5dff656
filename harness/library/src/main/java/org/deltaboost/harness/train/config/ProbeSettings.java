package org.deltaboost.harness.train.config;

import java.util.List;
import org.deltaboost.records.EpochProbes;

/**
 * Which of the paper's analyses a run records into {@code epochs.jsonl} (see {@link EpochProbes});
 * all off by default, and then training does no probe work at all.
 *
 * @param deltaHistogramEpochs epochs (1-based) whose first batch's output deltas are histogrammed
 *     (the paper's Fig 2 uses 1 and 4); epochs past the run's last are never reached
 * @param deltaHistogramBins number of equal-width bins of a delta histogram, 50 when left out
 * @param gradientRms record every parameter's gradient RMS, averaged over the epoch's steps (Fig 3)
 * @param softmaxNormalization record the softmax normalization term {@code Σ_k e^{z_k}} per sample,
 *     mean and max over the epoch, for any strategy (Fig 5)
 */
public record ProbeSettings(
    List<Integer> deltaHistogramEpochs,
    Integer deltaHistogramBins,
    boolean gradientRms,
    boolean softmaxNormalization) {

  /** Bins of a delta histogram when the config leaves them out. */
  public static final int DEFAULT_BINS = 50;

  private static final int MAX_BINS = 100_000;

  /** Every probe off. */
  public static ProbeSettings off() {
    return new ProbeSettings(List.of(), DEFAULT_BINS, false, false);
  }

  /** Fills defaults and checks every field, naming it. */
  public ProbeSettings {
    if (deltaHistogramEpochs == null) {
      deltaHistogramEpochs = List.of();
    }
    for (Integer epoch : deltaHistogramEpochs) {
      if (epoch == null || epoch < 1) {
        throw new IllegalArgumentException(
            "probes.deltaHistogramEpochs: every epoch must be >= 1, got " + epoch);
      }
    }
    deltaHistogramEpochs = List.copyOf(deltaHistogramEpochs);
    if (deltaHistogramBins == null) {
      deltaHistogramBins = DEFAULT_BINS;
    }
    if (deltaHistogramBins < 1 || deltaHistogramBins > MAX_BINS) {
      throw new IllegalArgumentException(
          "probes.deltaHistogramBins must be in [1, " + MAX_BINS + "], got " + deltaHistogramBins);
    }
  }

  /** Whether any probe is on. */
  public boolean any() {
    return !deltaHistogramEpochs.isEmpty() || gradientRms || softmaxNormalization;
  }
}
