package org.deltaboost.harness.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deltaboost.records.Interval;

/**
 * The median of a sample with a percentile bootstrap 95% interval: draw {@code resamples} samples
 * of the same size with replacement (a {@code SplittableRandom} with a fixed seed, so the interval
 * is repeatable), take each one's median, and report the order statistics at ranks {@code
 * ⌈0.025·B⌉} and {@code ⌈0.975·B⌉} of the sorted medians (the 2.5% and 97.5% quantiles of the
 * bootstrap distribution). Values may be {@code +∞} (e.g. a target never reached); the median of an
 * even-sized sample is the mean of its two middle values.
 */
public final class BootstrapMedian {

  /** Resamples used by the harness's summaries. */
  public static final int RESAMPLES = 10_000;

  private BootstrapMedian() {}

  /**
   * Estimates the median of {@code values} with its bootstrap interval.
   *
   * @param values the sample, at least one value, none NaN
   * @param resamples bootstrap resamples B, at least 1
   * @param seed seed of the resampling generator
   */
  public static Interval of(double[] values, int resamples, long seed) {
    if (values.length == 0) {
      throw new IllegalArgumentException("cannot take the median of no values");
    }
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
    }
    for (double v : values) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("values must not be NaN: " + Arrays.toString(values));
      }
    }
    int n = values.length;
    SplittableRandom random = new SplittableRandom(seed);
    double[] medians = new double[resamples];
    double[] resample = new double[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        resample[i] = values[random.nextInt(n)];
      }
      medians[b] = median(resample);
    }
    Arrays.sort(medians);
    return new Interval(
        median(values.clone()),
        medians[(int) Math.ceil(0.025 * resamples) - 1],
        medians[(int) Math.ceil(0.975 * resamples) - 1]);
  }

  /** Returns the median, sorting {@code values} in place. */
  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : midpoint(values[n / 2 - 1], values[n / 2]);
  }

  private static double midpoint(double a, double b) {
    return a == b ? a : (a + b) / 2; // keeps ∞ as ∞ when both are ∞
  }
}
