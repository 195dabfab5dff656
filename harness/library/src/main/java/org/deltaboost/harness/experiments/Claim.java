package org.deltaboost.harness.experiments;

import org.deltaboost.records.ClaimVerdict;
import org.deltaboost.records.Interval;
import org.deltaboost.records.PairedDifference;

/**
 * One of the paper's claims as data, an entry of an experiment file's {@code claims}: which
 * strategy it is about, against which reference, on which {@link ClaimMetric}, in which direction
 * and (optionally) by how much, with the sentence of the paper it comes from. {@link #judge} turns
 * a grid's {@link PairedDifference} into its {@link ClaimVerdict} by the {@link VerdictRule}.
 *
 * @param id a name unique in the experiment, e.g. {@code table1-linear-vs-sigmoid-epochs}
 * @param source where in the paper, e.g. {@code Table 1}
 * @param quote the paper's sentence, verbatim
 * @param strategy the strategy label the claim is about
 * @param reference the label it is compared with; {@code null}: the grid's reference
 * @param metric what is compared
 * @param direction {@code lower} or {@code higher}: the claimed sign of strategy minus reference
 * @param size the claimed size as a magnitude in the metric's units (0.25: 25% for a relative
 *     metric; 0.003: 0.3 points of error), or {@code null} when the paper claims none
 * @param margin the equivalence margin, or {@code null} for the metric's default
 * @param paper the paper's number, in words (e.g. {@code 73.5 vs 98.5 epochs (−25%)})
 */
public record Claim(
    String id,
    String source,
    String quote,
    String strategy,
    String reference,
    ClaimMetric metric,
    String direction,
    Double size,
    Double margin,
    String paper) {

  /** Checks the fields, naming the claim, field and value. */
  public Claim {
    require(id, "id", id);
    require(source, "source", id);
    require(quote, "quote", id);
    require(strategy, "strategy", id);
    require(paper, "paper", id);
    if (metric == null) {
      throw new IllegalArgumentException("claim " + id + ": metric is missing");
    }
    if (!"lower".equals(direction) && !"higher".equals(direction)) {
      throw new IllegalArgumentException(
          "claim " + id + ": direction must be 'lower' or 'higher', got " + direction);
    }
    if (size != null && !(size > 0 && Double.isFinite(size))) {
      throw new IllegalArgumentException(
          "claim " + id + ": size must be a positive magnitude, got " + size);
    }
    if (margin != null && !(margin > 0 && Double.isFinite(margin))) {
      throw new IllegalArgumentException("claim " + id + ": margin must be > 0, got " + margin);
    }
  }

  private static void require(String value, String field, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("claim " + id + ": " + field + " is missing");
    }
  }

  /** The margin in force: the claim's own or the metric's default. */
  public double effectiveMargin() {
    return margin != null ? margin : metric.defaultMargin();
  }

  /** The reference in force: the claim's own, else {@code gridReference}. */
  public String referenceOr(String gridReference) {
    return reference != null ? reference : gridReference;
  }

  /**
   * Judges the claim on a grid.
   *
   * @param difference the claim's strategy against its reference
   * @param tuning how both strategies' settings were chosen, in words
   */
  public ClaimVerdict judge(PairedDifference difference, String tuning) {
    Interval estimate = metric.of(difference);
    VerdictRule.Decision decision =
        VerdictRule.decide(
            estimate, "lower".equals(direction), size, effectiveMargin(), difference.pairs());
    return new ClaimVerdict(
        id,
        source,
        quote,
        difference.strategy(),
        difference.reference(),
        metric.field(),
        direction,
        size,
        effectiveMargin(),
        paper,
        estimate,
        difference.pairs(),
        decision.verdict(),
        decision.moreTrials(),
        decision.reason(),
        tuning);
  }
}
