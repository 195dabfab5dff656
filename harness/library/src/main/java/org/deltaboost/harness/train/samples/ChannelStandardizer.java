package org.deltaboost.harness.train.samples;

import org.deltaboost.onnx.InputNormalization;

/**
 * Applies the mean/deviation part of an {@link InputNormalization} in place to a batch already
 * scaled to {@code pixel · pixelScale}: {@code x = (v − mean[c]) / std[c]}, a single-channel
 * normalization applying to every channel.
 */
final class ChannelStandardizer {

  private final float[] mean;
  private final float[] inverseStd;
  private final boolean identity;

  ChannelStandardizer(InputNormalization normalization) {
    int k = normalization.mean().size();
    this.mean = new float[k];
    this.inverseStd = new float[k];
    boolean same = true;
    for (int c = 0; c < k; c++) {
      mean[c] = normalization.mean().get(c).floatValue();
      inverseStd[c] = (float) (1 / normalization.std().get(c));
      same &= mean[c] == 0 && inverseStd[c] == 1;
    }
    this.identity = same;
  }

  /**
   * Standardizes {@code n} images of {@code channels × plane} values at the start of {@code
   * values}.
   */
  void apply(float[] values, int n, int channels, int plane) {
    if (identity) {
      return;
    }
    for (int b = 0; b < n; b++) {
      for (int c = 0; c < channels; c++) {
        int k = mean.length == 1 ? 0 : c;
        float m = mean[k];
        float s = inverseStd[k];
        for (int i = (b * channels + c) * plane, end = i + plane; i < end; i++) {
          values[i] = (values[i] - m) * s;
        }
      }
    }
  }
}
