package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An {@code epochs.jsonl} {@code softmaxNormalization} (paper Fig 5) as the report uses it: over
 * the epoch's training samples, the mean of {@code ln S} and the largest {@code ln S}, where {@code
 * S = Σₖ e^{zₖ}}. The logarithms are read rather than {@code mean}/{@code max}, which are null once
 * {@code S} leaves the double range.
 */
public record SoftmaxNormalization(long samples, double logMean, double logMax) {
  private static final double LN_10 = Math.log(10);

  static SoftmaxNormalization read(JsonNode node, String where) {
    String at = where + " softmaxNormalization";
    return new SoftmaxNormalization(
        JsonFields.integer(node, "samples", at),
        JsonFields.number(node, "logMean", at),
        JsonFields.number(node, "logMax", at));
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
