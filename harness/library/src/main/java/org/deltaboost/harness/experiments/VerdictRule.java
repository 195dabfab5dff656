package org.deltaboost.harness.experiments;

import org.deltaboost.records.Interval;
import org.deltaboost.records.Verdict;

/**
 * Decides a claim's {@link Verdict} from the 95% interval {@code [L, H]} (median {@code c}) of a
 * paired difference over {@code n} seeds. With the interval turned so that positive is the claimed
 * side ({@code [−H, −L]} for a claimed decrease), claimed size {@code s} (a magnitude, optional)
 * and equivalence margin {@code m}, in this order:
 *
 * <ol>
 *   <li>fewer than {@value #MIN_PAIRS} pairs: <b>inconclusive</b> (no interval worth the name);
 *   <li>{@code −m ≤ L} and {@code H ≤ m}: <b>equivalent</b> (the margin says what matters, so a
 *       difference inside it, on either side, is no difference);
 *   <li>{@code L > 0} and ({@code s} absent or {@code H ≥ s}): <b>supported</b>;
 *   <li>{@code H < 0}: <b>refuted</b> (the other side);
 *   <li>{@code L > 0} (so {@code H < s}): <b>refuted</b> (the claimed side, short of the size);
 *   <li>otherwise <b>inconclusive</b>.
 * </ol>
 *
 * For an inconclusive verdict, roughly how many more trials would decide: an interval's half-width
 * {@code h = (H − L)/2} shrinks as {@code 1/√n}; a side is decided once {@code h < |c|}, and
 * equivalence once {@code |c| + h ≤ m}; so {@code n' = ⌈n·(h/h*)²⌉} trials with {@code h* =
 * max(|c|, m − |c|)}, and the answer is {@code n' − n} (at least 1; none when {@code h*} is 0 or an
 * end is infinite). It assumes the median stays where it is, so it is an order of magnitude, not a
 * promise.
 */
public final class VerdictRule {

  /** Pairs below which no verdict but inconclusive is given. */
  public static final int MIN_PAIRS = 3;

  private VerdictRule() {}

  /**
   * A verdict with its reason.
   *
   * @param verdict the verdict
   * @param moreTrials for inconclusive, roughly how many more trials would decide, else {@code
   *     null}; {@code null} too when it cannot be estimated
   * @param reason the verdict in words
   */
  public record Decision(Verdict verdict, Integer moreTrials, String reason) {}

  /**
   * Decides.
   *
   * @param estimate the difference's median and interval, strategy minus reference
   * @param lower whether the claim says the difference is below zero
   * @param size the claimed size as a magnitude, or {@code null}
   * @param margin the equivalence margin, {@code > 0}
   * @param pairs the seeds compared
   */
  public static Decision decide(
      Interval estimate, boolean lower, Double size, double margin, int pairs) {
    if (!(margin > 0)) {
      throw new IllegalArgumentException("margin must be > 0, got " + margin);
    }
    if (estimate == null || pairs < MIN_PAIRS) {
      return new Decision(
          Verdict.INCONCLUSIVE,
          MIN_PAIRS - Math.min(pairs, MIN_PAIRS),
          pairs + " pair(s) of trials; a verdict needs at least " + MIN_PAIRS);
    }
    double low = lower ? -estimate.high() : estimate.low();
    double high = lower ? -estimate.low() : estimate.high();
    double centre = lower ? -estimate.median() : estimate.median();
    if (low >= -margin && high <= margin) {
      return new Decision(Verdict.EQUIVALENT, null, "the interval lies inside the margin");
    }
    if (low > 0 && (size == null || high >= size)) {
      return new Decision(
          Verdict.SUPPORTED,
          null,
          "the interval lies on the claimed side of 0"
              + (size == null ? "" : " and reaches the claimed size"));
    }
    if (high < 0) {
      return new Decision(Verdict.REFUTED, null, "the interval lies on the other side of 0");
    }
    if (low > 0) {
      return new Decision(
          Verdict.REFUTED, null, "the interval lies on the claimed side but short of the size");
    }
    double half = (high - low) / 2;
    double decisive = Math.max(Math.abs(centre), margin - Math.abs(centre));
    Integer more = null;
    if (Double.isFinite(half) && decisive > 0) {
      long needed = (long) Math.ceil(pairs * (half / decisive) * (half / decisive));
      more = (int) Math.min(Integer.MAX_VALUE, Math.max(1, needed - pairs));
    }
    return new Decision(
        Verdict.INCONCLUSIVE,
        more,
        "the interval spans 0 and leaves the margin"
            + (more == null ? "" : "; about " + more + " more trial(s) would decide"));
  }
}
