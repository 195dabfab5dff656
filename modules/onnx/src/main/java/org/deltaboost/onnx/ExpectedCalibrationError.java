package org.deltaboost.onnx;

/**
 * Expected calibration error with {@code M} equal-width bins over the confidence {@code c_i = max_j
 * p_ij}: {@code ECE = Σ_m (|B_m| / n) · |acc(B_m) − conf(B_m)|}, where bin {@code B_m} holds the
 * samples with {@code c_i ∈ ((m−1)/M, m/M]}, {@code acc} is the fraction whose argmax is the label
 * and {@code conf} the mean confidence (Guo et al., 2017). The predicted class is the first index
 * of the maximum, as everywhere in this project.
 */
public final class ExpectedCalibrationError {

  private ExpectedCalibrationError() {}

  /**
   * Computes the ECE.
   *
   * @param probabilities one row of class probabilities per sample
   * @param labels the true class of each sample
   * @param bins the number of bins {@code M ≥ 1}
   * @return the ECE, in [0, 1]
   * @throws IllegalArgumentException naming the malformed sample or argument
   */
  public static double of(float[][] probabilities, int[] labels, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    }
    TemperatureScaling.check(probabilities, labels);
    long[] count = new long[bins];
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    for (int i = 0; i < probabilities.length; i++) {
      float[] p = probabilities[i];
      int best = 0;
      for (int j = 1; j < p.length; j++) {
        if (p[j] > p[best]) {
          best = j;
        }
      }
      double c = p[best];
      if (c < 0 || c > 1) {
        throw new IllegalArgumentException(
            "sample " + i + " has confidence " + c + ", expected a probability in [0, 1]");
      }
      int bin = Math.max(0, Math.min(bins - 1, (int) Math.ceil(c * bins) - 1));
      count[bin]++;
      confidence[bin] += c;
      correct[bin] += best == labels[i] ? 1 : 0;
    }
    double ece = 0;
    for (int m = 0; m < bins; m++) {
      if (count[m] > 0) {
        ece += Math.abs(correct[m] - confidence[m]) / probabilities.length;
      }
    }
    return ece;
  }
}
