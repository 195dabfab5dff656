package org.deltaboost.records;

import java.util.List;

/**
 * An {@code epochs.jsonl} {@code deltaHistogram} (paper Fig 2): a histogram of output deltas {@code
 * δ(z, t)} (the strategy's closed form, before the {@code 1/B} of back-propagation) over one batch:
 * {@code bins} equal-width bins spanning the batch's range.
 *
 * <p>Edges: {@code edges[i] = min + i·(max − min)/bins}, {@code edges[bins] = max}; a value {@code
 * v} falls in bin {@code min(bins − 1, floor((v − min)/width))}, so every bin is {@code [edges[i],
 * edges[i+1])} except the last, which includes {@code max}. When every delta is equal the range is
 * widened to {@code [v − 0.5, v + 0.5]}.
 *
 * @param epoch the epoch whose first batch this is
 * @param values how many deltas were counted ({@code B·K})
 * @param min the smallest delta
 * @param max the largest delta
 * @param edges {@code bins + 1} bin edges, ascending
 * @param counts {@code bins} counts, summing to {@code values}
 */
public record DeltaHistogram(
    int epoch, long values, double min, double max, List<Double> edges, List<Long> counts) {

  /**
   * Counts {@code deltas} into {@code bins} bins over their range.
   *
   * @param epoch the epoch the batch belongs to
   * @param deltas the batch's deltas, any order; all finite
   * @param bins the number of bins, at least 1
   * @return the histogram
   * @throws IllegalArgumentException when there are no deltas or one is NaN or infinite
   */
  public static DeltaHistogram of(int epoch, float[] deltas, int bins) {
    if (deltas.length == 0 || bins < 1) {
      throw new IllegalArgumentException(
          "a delta histogram needs deltas and bins >= 1, got " + deltas.length + " and " + bins);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float d : deltas) {
      if (!Float.isFinite(d)) {
        throw new IllegalArgumentException("output delta is " + d + " in epoch " + epoch);
      }
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    double low = min < max ? min : min - 0.5;
    double high = min < max ? max : max + 0.5;
    double width = (high - low) / bins;
    Double[] edges = new Double[bins + 1];
    for (int i = 0; i < bins; i++) {
      edges[i] = low + i * width;
    }
    edges[bins] = high;
    long[] counts = new long[bins];
    for (float d : deltas) {
      counts[Math.min(bins - 1, (int) ((d - low) / width))]++;
    }
    Long[] boxed = new Long[bins];
    for (int i = 0; i < bins; i++) {
      boxed[i] = counts[i];
    }
    return new DeltaHistogram(epoch, deltas.length, min, max, List.of(edges), List.of(boxed));
  }
}
