package org.deltaboost.harness.experiments;

import java.util.List;
import java.util.Map;
import org.deltaboost.records.EpochProbes;

/**
 * The paper's Fig 3 measure of one trial as a single number: how large the gradients reaching the
 * hidden layers are, on a log scale. From the {@code gradientRms} probe (per parameter, the mean
 * over an epoch's steps of {@code sqrt(mean(g²))}), over the first {@value #EPOCHS} epochs (the
 * figure's span) and every hidden layer's weight parameter {@code p} (a name ending in {@code
 * _weight} outside the output layer; biases and normalization parameters are left out):
 *
 * <pre>
 *   h = mean over (epoch e, parameter p) of log10 RMS_e(p)
 * </pre>
 *
 * so that the paired difference of two strategies at one seed, {@code h_s − h_r}, is the log10 of
 * the geometric-mean ratio of their hidden-layer gradient RMS: {@code +1} is "an order of magnitude
 * higher", the paper's words for exp-GB against the softmax, {@code +2} two orders (pow3-GB). A
 * zero or non-finite RMS (a dead layer, a diverged step) makes the measure undefined for the trial.
 */
public final class HiddenGradientRms {

  /** Epochs the measure spans, as Fig 3 does (fewer when the run is shorter). */
  public static final int EPOCHS = 10;

  /** Suffix of the weight parameters' names ({@code 02Linear_weight}, {@code 01Conv2d_weight}). */
  static final String WEIGHT_SUFFIX = "_weight";

  private HiddenGradientRms() {}

  /**
   * The measure of a run's probes.
   *
   * @param probes the probes of the run's epochs, from epoch 1
   * @return {@code h}, or {@code NaN} when the gradient RMS was not recorded, no hidden weight was,
   *     or a value is zero or not finite
   */
  public static double log10Mean(List<EpochProbes> probes) {
    double sum = 0;
    int count = 0;
    for (EpochProbes epoch : probes.subList(0, Math.min(EPOCHS, probes.size()))) {
      Map<String, Double> rms = epoch.gradientRms();
      if (rms == null) {
        continue;
      }
      String output = epoch.gradientRmsOutputLayer();
      for (Map.Entry<String, Double> p : rms.entrySet()) {
        if (!p.getKey().endsWith(WEIGHT_SUFFIX)
            || (output != null && p.getKey().startsWith(output))) {
          continue;
        }
        double value = p.getValue() == null ? Double.NaN : p.getValue();
        if (!(value > 0 && Double.isFinite(value))) {
          return Double.NaN;
        }
        sum += Math.log10(value);
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }
}
