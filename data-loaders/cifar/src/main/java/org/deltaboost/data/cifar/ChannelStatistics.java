package org.deltaboost.data.cifar;

import java.util.Arrays;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * Per-channel mean and standard deviation of a set's pixels scaled to {@code [0, 1]} (the scale
 * {@code ImageClassificationDataset} serves): over the {@code n = N·H·W} values {@code x = p/255}
 * of channel c, {@code mean_c = Σx/n} and {@code std_c = sqrt(Σx²/n − mean_c²)} (population
 * deviation, as torchvision-style recipes quote for CIFAR-10: about 0.4914, 0.4822, 0.4465 and
 * 0.2470, 0.2435, 0.2616). Sums are exact integer sums of the bytes, so the result does not depend
 * on summation order. Compute it on the training part only, after any validation split.
 */
public final class ChannelStatistics {
  private final double[] mean;
  private final double[] std;

  /**
   * @param mean each channel's mean
   * @param std each channel's standard deviation, each positive
   * @throws IllegalArgumentException if the lengths differ, are zero, or a deviation is not
   *     positive
   */
  public ChannelStatistics(double[] mean, double[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "channel statistics: expected as many means as deviations (at least one), found "
              + mean.length
              + " and "
              + std.length);
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0) || Double.isInfinite(std[c]) || !Double.isFinite(mean[c])) {
        throw new IllegalArgumentException(
            "channel "
                + c
                + ": expected a finite mean and a positive finite deviation, found mean "
                + mean[c]
                + ", std "
                + std[c]);
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /**
   * @param set the training images
   * @return their per-channel mean and deviation of {@code pixel / 255}
   * @throws IllegalArgumentException if the set is empty or a channel is constant (deviation 0)
   */
  public static ChannelStatistics of(ImageClassificationSet set) {
    int channels = set.channels();
    int plane = set.height() * set.width();
    long[] sum = new long[channels];
    long[] sumOfSquares = new long[channels];
    byte[] image = new byte[set.imageSize()];
    for (int i = 0; i < set.size(); i++) {
      set.copyPixels(i, image, 0);
      for (int c = 0; c < channels; c++) {
        long s = 0;
        long q = 0;
        for (int k = c * plane, end = k + plane; k < end; k++) {
          int p = image[k] & 0xFF;
          s += p;
          q += p * p;
        }
        sum[c] += s;
        sumOfSquares[c] += q;
      }
    }
    double n = (double) set.size() * plane;
    if (n == 0) {
      throw new IllegalArgumentException(set.name() + ": channel statistics of an empty set");
    }
    double[] mean = new double[channels];
    double[] std = new double[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / n;
      double variance = Math.max(0, sumOfSquares[c] / n - m * m);
      mean[c] = m / 255;
      std[c] = Math.sqrt(variance) / 255;
    }
    return new ChannelStatistics(mean, std);
  }

  /**
   * @return the number of channels
   */
  public int channels() {
    return mean.length;
  }

  /**
   * @param channel a channel index
   * @return that channel's mean of {@code pixel / 255}
   */
  public double mean(int channel) {
    return mean[channel];
  }

  /**
   * @param channel a channel index
   * @return that channel's standard deviation of {@code pixel / 255}
   */
  public double std(int channel) {
    return std[channel];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChannelStatistics that
        && Arrays.equals(mean, that.mean)
        && Arrays.equals(std, that.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "ChannelStatistics[mean="
        + Arrays.toString(mean)
        + ", std="
        + Arrays.toString(std)
        + "]";
  }
}
