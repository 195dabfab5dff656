package org.deltaboost.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deltaboost.records.PairedDifference;
import org.junit.jupiter.api.Test;

/** Per-seed differences worked out by hand. */
class PairedDifferencesTest {
  private static final double NEVER = Double.POSITIVE_INFINITY;

  private static TrialMetrics trial(double minError, int convergence, double toTarget) {
    return trial(minError, convergence, toTarget, Double.NaN);
  }

  private static TrialMetrics trial(
      double minError, int convergence, double toTarget, double gradientRmsLog10) {
    return new TrialMetrics(
        minError + 0.01,
        minError,
        convergence,
        minError + 0.1,
        toTarget,
        toTarget * 2,
        Double.NaN,
        gradientRmsLog10);
  }

  @Test
  void differencesAreTakenSeedBySeedOverTheSeedsBothCompleted() {
    Map<Long, TrialMetrics> strategy = new LinkedHashMap<>();
    strategy.put(1L, trial(0.10, 6, 3));
    strategy.put(2L, trial(0.12, 8, 4));
    strategy.put(3L, trial(0.11, 9, NEVER));
    strategy.put(9L, trial(0.50, 1, 1)); // no reference trial at seed 9: not paired
    Map<Long, TrialMetrics> reference = new LinkedHashMap<>();
    reference.put(1L, trial(0.12, 8, 4));
    reference.put(2L, trial(0.12, 8, 4));
    reference.put(3L, trial(0.13, 12, 5));
    PairedDifference d = PairedDifferences.of("exp-gb", strategy, "softmax-ce", reference, 1L);
    assertEquals(3, d.pairs());
    // min error: −0.02, 0, −0.02 → median −0.02, and a bootstrap interval within [−0.02, 0]
    assertEquals(-0.02, d.minTestError().median(), 1e-12);
    assertEquals(-0.02, d.minTestError().low(), 1e-12);
    assertEquals(0, d.minTestError().high(), 1e-12);
    // convergence epoch: 6/8 − 1, 8/8 − 1, 9/12 − 1 = −0.25, 0, −0.25
    assertEquals(-0.25, d.convergenceEpochRelative().median(), 1e-12);
    // epochs to target: −0.25, 0, +∞ (only the strategy never reached it) → median 0
    assertEquals(0, d.epochsToTargetRelative().median(), 1e-12);
    assertEquals(NEVER, d.epochsToTargetRelative().high());
    // absolute: only seeds where both reached it: −1, 0 → median −0.5; seconds are twice that
    assertEquals(-0.5, d.epochsToTarget().median(), 1e-12);
    assertEquals(-1.0, d.secondsToTarget().median(), 1e-12);
    assertNull(d.maxMeanIou(), "no mean IoU measured");
    assertNull(d.hiddenGradientRmsLog10(), "no gradient RMS recorded");
  }

  @Test
  void hiddenGradientRmsDifferencesAreLog10RatiosSeedBySeed() {
    // log10 RMS −1.0, −0.5, −2.0 against −2.1, −1.5, −2.9: differences 1.1, 1.0, 0.9 → median 1.0
    Map<Long, TrialMetrics> strategy =
        Map.of(1L, trial(0.1, 5, 3, -1.0), 2L, trial(0.1, 5, 3, -0.5), 3L, trial(0.1, 5, 3, -2.0));
    Map<Long, TrialMetrics> reference =
        Map.of(1L, trial(0.1, 5, 3, -2.1), 2L, trial(0.1, 5, 3, -1.5), 3L, trial(0.1, 5, 3, -2.9));
    PairedDifference d = PairedDifferences.of("exp-gb", strategy, "softmax-ce", reference, 1L);
    assertEquals(1.0, d.hiddenGradientRmsLog10().median(), 1e-12);
    assertEquals(0.9, d.hiddenGradientRmsLog10().low(), 1e-12);
    assertEquals(1.1, d.hiddenGradientRmsLog10().high(), 1e-12);
  }

  @Test
  void aReferenceThatNeverReachesTheTargetCountsMinusOneAndNeitherReachingIsLeftOut() {
    Map<Long, TrialMetrics> strategy = Map.of(1L, trial(0.1, 5, 3), 2L, trial(0.1, 5, NEVER));
    Map<Long, TrialMetrics> reference = Map.of(1L, trial(0.1, 5, NEVER), 2L, trial(0.1, 5, NEVER));
    PairedDifference d = PairedDifferences.of("a", strategy, "b", reference, 1L);
    assertEquals(-1, d.epochsToTargetRelative().median());
    assertNull(d.epochsToTarget());
  }
}
