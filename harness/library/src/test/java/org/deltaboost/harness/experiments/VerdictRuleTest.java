package org.deltaboost.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deltaboost.harness.experiments.VerdictRule.Decision;
import org.deltaboost.records.Interval;
import org.deltaboost.records.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Every outcome of {@link VerdictRule} on intervals worked out by hand (the numbers are exact in
 * binary, so the trials estimate is exact too).
 */
class VerdictRuleTest {

  @Test
  void anIntervalOnTheClaimedSideThatReachesTheClaimedSizeIsSupported() {
    // "25% fewer epochs": the reduction's interval [20%, 40%] is above 0 and reaches 25%
    Decision d = VerdictRule.decide(new Interval(-0.30, -0.40, -0.20), true, 0.25, 0.10, 5);
    assertEquals(Verdict.SUPPORTED, d.verdict());
    assertNull(d.moreTrials());
    // no size claimed: any interval strictly on the claimed side
    assertEquals(
        Verdict.SUPPORTED,
        VerdictRule.decide(new Interval(-0.002, -0.004, -0.001), true, null, 0.003, 5).verdict());
    // a claimed increase (e.g. larger gradients), interval [0.5, 1.5] reaching a size of 1
    assertEquals(
        Verdict.SUPPORTED,
        VerdictRule.decide(new Interval(1, 0.5, 1.5), false, 1.0, 0.1, 5).verdict());
  }

  @Test
  void anIntervalOnTheOtherSideOrShortOfTheClaimedSizeIsRefuted() {
    // a claimed decrease, interval [+5%, +15%]: the strategy needs more epochs
    Decision other = VerdictRule.decide(new Interval(0.10, 0.05, 0.15), true, 0.25, 0.10, 5);
    assertEquals(Verdict.REFUTED, other.verdict());
    assertEquals("the interval lies on the other side of 0", other.reason());
    // a reduction of [12%, 20%]: real, outside the ±10% margin, but excludes the claimed 25%
    Decision shortOf = VerdictRule.decide(new Interval(-0.16, -0.20, -0.12), true, 0.25, 0.10, 5);
    assertEquals(Verdict.REFUTED, shortOf.verdict());
    assertEquals("the interval lies on the claimed side but short of the size", shortOf.reason());
  }

  @Test
  void anIntervalInsideTheMarginIsEquivalent() {
    // error difference [−0.2, +0.1] points against a ±0.3-point margin
    Decision d = VerdictRule.decide(new Interval(-0.0005, -0.002, 0.001), true, null, 0.003, 5);
    assertEquals(Verdict.EQUIVALENT, d.verdict());
    assertNull(d.moreTrials());
    // inside the margin and on the claimed side, but short of the claimed size
    assertEquals(
        Verdict.EQUIVALENT,
        VerdictRule.decide(new Interval(-0.05, -0.08, -0.02), true, 0.25, 0.10, 5).verdict());
    // on the other side of 0 but inside the margin: +2% to +8% epochs against ±10%
    assertEquals(
        Verdict.EQUIVALENT,
        VerdictRule.decide(new Interval(0.05, 0.02, 0.08), true, 0.25, 0.10, 5).verdict());
  }

  @Test
  void anIntervalAcrossZeroAndBeyondTheMarginIsInconclusiveWithTheTrialsThatWouldDecide() {
    // claimed decrease; turned: [−0.0625, 0.1875], centre 0.0625, margin 0.125.
    // h = 0.125, h* = max(0.0625, 0.125 − 0.0625) = 0.0625, n' = 5·(0.125/0.0625)² = 20
    Decision d = VerdictRule.decide(new Interval(-0.0625, -0.1875, 0.0625), true, null, 0.125, 5);
    assertEquals(Verdict.INCONCLUSIVE, d.verdict());
    assertEquals(15, d.moreTrials());
    assertEquals(
        "the interval spans 0 and leaves the margin; about 15 more trial(s) would decide",
        d.reason());
    // with an infinite end (a trial that never reached the target) no estimate is given
    Decision open =
        VerdictRule.decide(new Interval(0, -0.5, Double.POSITIVE_INFINITY), true, null, 0.1, 5);
    assertEquals(Verdict.INCONCLUSIVE, open.verdict());
    assertNull(open.moreTrials());
  }

  @Test
  void fewerThanThreePairsAreInconclusiveAndAMarginMustBePositive() {
    Decision d = VerdictRule.decide(new Interval(-0.3, -0.4, -0.2), true, null, 0.1, 2);
    assertEquals(Verdict.INCONCLUSIVE, d.verdict());
    assertEquals(1, d.moreTrials());
    assertEquals(Verdict.INCONCLUSIVE, VerdictRule.decide(null, true, null, 0.1, 0).verdict());
    assertThrows(
        IllegalArgumentException.class,
        () -> VerdictRule.decide(new Interval(0, 0, 0), true, null, 0, 5));
  }
}
