package org.deltaboost.data.image;

/**
 * The weights of Pillow's antialiased bilinear (triangle) resampling along one axis, for a run of
 * consecutive outputs: for an input of {@code n} samples resized to {@code m}, {@code s = n/m},
 * output {@code i} has centre {@code c = (i + ½)·s} and weights {@code w_j = max(0, 1 − |j + ½ − c|
 * / max(s, 1))} over the inputs {@code j} from {@code ⌊c − max(s, 1) + ½⌋} (at least 0) to {@code
 * ⌊c + max(s, 1) + ½⌋} (at most {@code n}, exclusive), divided by their sum (in double, then
 * rounded to float).
 *
 * <p>Every output gets the same number of weights, {@link #taps}: the largest count, the others
 * padded at their end with zeros. A zero weight adds {@code +0} to a sum of non-negative terms, so
 * a filter that runs all {@code taps} gives, term by term, the sums of the unpadded weights.
 */
final class BilinearWeights {
  /** Weights per output. */
  final int taps;

  /** Output {@code i}'s first input sample, for {@code i} from 0 (the run's first output). */
  final int[] first;

  /** Output {@code i}'s {@code k}-th weight at {@code i × taps + k}. */
  final float[] weights;

  private BilinearWeights(int taps, int[] first, float[] weights) {
    this.taps = taps;
    this.first = first;
    this.weights = weights;
  }

  /**
   * @param in input samples along the axis
   * @param out output samples of the whole resize along the axis
   * @param from the run's first output, in {@code [0, out)}
   * @param count the run's outputs, at least 1, with {@code from + count ≤ out}
   * @return the weights of outputs {@code from … from + count − 1}
   */
  static BilinearWeights triangle(int in, int out, int from, int count) {
    double scale = (double) in / out;
    double filterScale = Math.max(scale, 1.0);
    double support = filterScale; // the triangle's support is 1, widened when shrinking
    int[] first = new int[count];
    float[][] normalised = new float[count][];
    int taps = 0;
    for (int i = 0; i < count; i++) {
      double centre = (from + i + 0.5) * scale;
      int low = Math.max((int) (centre - support + 0.5), 0);
      int high = Math.min((int) (centre + support + 0.5), in);
      double[] w = new double[high - low];
      double total = 0;
      for (int j = low; j < high; j++) {
        double t = Math.abs((j + 0.5 - centre) / filterScale);
        w[j - low] = Math.max(0, 1 - t);
        total += w[j - low];
      }
      normalised[i] = new float[w.length];
      for (int k = 0; k < w.length; k++) {
        normalised[i][k] = (float) (w[k] / total);
      }
      first[i] = low;
      taps = Math.max(taps, w.length);
    }
    float[] weights = new float[count * taps];
    for (int i = 0; i < count; i++) {
      System.arraycopy(normalised[i], 0, weights, i * taps, normalised[i].length);
    }
    return new BilinearWeights(taps, first, weights);
  }

  /**
   * @return how many input samples the run reads, padding included: from {@code first[0]} to the
   *     last output's first sample plus {@link #taps}
   */
  int span() {
    return first[first.length - 1] - first[0] + taps;
  }
}
