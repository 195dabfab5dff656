package org.deltaboost.records;

/**
 * One of the paper's claims judged on a grid: a {@code summary.json} entry of {@code "verdicts":
 * […]}. The estimate is the {@link PairedDifference} field the claim's metric names, in its units
 * (a fraction of error, a relative difference or a log10 difference: {@link MetricUnit}); the
 * verdict and the trials estimate follow the harness's {@code VerdictRule}.
 *
 * @param claim the claim's id, e.g. {@code table1-linear-epochs}
 * @param source where in the paper, e.g. {@code Table 1}
 * @param quote the paper's sentence the claim is taken from
 * @param strategy the strategy label the claim is about
 * @param reference the label it is compared with
 * @param metric the {@link PairedDifference} field, e.g. {@code convergenceEpochRelative}
 * @param direction {@code lower} or {@code higher}: the side of zero the claim puts the difference
 * @param claimedSize the size claimed, in the metric's units and as a magnitude, or {@code null}
 * @param margin the equivalence margin: differences within {@code ±margin} do not matter
 * @param paper the paper's number, in words
 * @param estimate the median difference with its bootstrap 95% interval, or {@code null} when the
 *     grid has none
 * @param pairs seeds compared
 * @param verdict the verdict
 * @param moreTrials for an inconclusive verdict, roughly how many more trials per strategy would
 *     decide it ({@code null}: not estimable, or decided)
 * @param reason the verdict in words
 * @param tuning whether the two strategies ran at shipped defaults or tuned with equal budgets
 */
public record ClaimVerdict(
    String claim,
    String source,
    String quote,
    String strategy,
    String reference,
    String metric,
    String direction,
    Double claimedSize,
    double margin,
    String paper,
    Interval estimate,
    int pairs,
    Verdict verdict,
    Integer moreTrials,
    String reason,
    String tuning) {

  /** The metric's unit. */
  public MetricUnit unit() {
    return MetricUnit.of(metric);
  }

  /**
   * A value in the metric's units for people: {@code −25%}, {@code −0.31 points} or {@code +1.05
   * orders of magnitude}.
   */
  public String format(double value) {
    return unit().format(value);
  }

  /** The estimate as {@code −25% [−40%, +3%]}, or {@code -} when there is none. */
  public String estimateText() {
    if (estimate == null) {
      return "-";
    }
    return format(estimate.median())
        + " ["
        + format(estimate.low())
        + ", "
        + format(estimate.high())
        + "]";
  }

  /**
   * What the claim says, e.g. {@code exp-gb vs softmax-ce: convergenceEpochRelative lower by 25%}.
   */
  public String statement() {
    return strategy
        + " vs "
        + reference
        + ": "
        + metric
        + " "
        + direction
        + (claimedSize == null ? "" : " by " + format(claimedSize).substring(1));
  }
}
