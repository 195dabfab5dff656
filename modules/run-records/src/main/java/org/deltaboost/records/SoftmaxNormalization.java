package org.deltaboost.records;

/**
 * An {@code epochs.jsonl} {@code softmaxNormalization} (paper Fig 5): the softmax normalization
 * term {@code S = Σ_k e^{z_k}} of every training sample of an epoch, at the logits of its training
 * step (before that step's update), whatever the strategy.
 *
 * <p>Computed stably per sample as {@code ln S = m + ln Σ_k e^{z_k − m}} with {@code m = max_k z_k}
 * (float32, on the engine), then in double: {@code mean = (1/N) Σ e^{ln S}}, {@code max = e^{max ln
 * S}}. When {@code S} exceeds the double range, {@code mean}/{@code max} are {@code null} and the
 * logarithms still hold the value, so a reader plots the logarithms.
 *
 * @param samples the number of samples {@code N}
 * @param mean the mean of {@code S}, or {@code null} when it overflows a double
 * @param max the largest {@code S}, or {@code null} when it overflows a double
 * @param logMean the mean of {@code ln S}
 * @param logMax the largest {@code ln S}
 */
public record SoftmaxNormalization(
    long samples, Double mean, Double max, double logMean, double logMax) {
  private static final double LN_10 = Math.log(10);

  /** Summarizes sums of {@code S} and {@code ln S} over {@code samples} samples. */
  public static SoftmaxNormalization of(long samples, double sum, double logSum, double logMax) {
    double mean = sum / samples;
    double max = Math.exp(logMax);
    return new SoftmaxNormalization(
        samples,
        Double.isFinite(mean) ? mean : null,
        Double.isFinite(max) ? max : null,
        logSum / samples,
        logMax);
  }

  /** The mean over samples of {@code log10 S}. */
  public double log10Mean() {
    return logMean / LN_10;
  }

  /** {@code log10} of the largest {@code S}. */
  public double log10Max() {
    return logMax / LN_10;
  }
}
