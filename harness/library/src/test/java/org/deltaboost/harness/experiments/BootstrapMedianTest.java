package org.deltaboost.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deltaboost.records.Interval;
import org.junit.jupiter.api.Test;

class BootstrapMedianTest {

  /**
   * For n distinct values the bootstrap distribution of the median has a closed form: the median of
   * a resample of odd size n is at most x_(k) exactly when at least (n+1)/2 of the n draws are, and
   * each draw is with probability k/n, so F(k) = P(Binomial(n, k/n) >= (n+1)/2). The percentile
   * interval's ends are the smallest x_(k) with F(k) >= 0.025 and >= 0.975.
   */
  @Test
  void intervalMatchesTheExactBootstrapDistribution() {
    double[] values = {3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.0, 3.5, 8.9};
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = values.length;
    int lowRank = 0;
    int highRank = 0;
    for (int k = n; k >= 1; k--) {
      double f = binomialUpperTail(n, (double) k / n, (n + 1) / 2);
      // Stay clear of the thresholds, so the Monte Carlo error of 10,000 resamples cannot matter.
      assertTrue(Math.abs(f - 0.025) > 0.005 && Math.abs(f - 0.975) > 0.005, "F(" + k + ") = " + f);
      if (f >= 0.025) {
        lowRank = k;
      }
      if (f >= 0.975) {
        highRank = k;
      }
    }
    assertEquals(2, lowRank); // F(2) = 0.0304, F(1) = 0.0014
    assertEquals(8, highRank); // F(8) = 0.9986, F(7) = 0.9696
    for (long seed : new long[] {1, 2, 3}) {
      Interval e = BootstrapMedian.of(values, 10_000, seed);
      assertEquals(3.5, e.median());
      assertEquals(sorted[lowRank - 1], e.low(), "seed " + seed);
      assertEquals(sorted[highRank - 1], e.high(), "seed " + seed);
    }
  }

  @Test
  void sameSeedSameIntervalAndConstantSamplesCollapse() {
    double[] values = {0.12, 0.15, 0.11, 0.14};
    assertEquals(BootstrapMedian.of(values, 500, 7), BootstrapMedian.of(values, 500, 7));
    assertEquals(new Interval(2, 2, 2), BootstrapMedian.of(new double[] {2, 2, 2}, 100, 1));
  }

  @Test
  void evenSamplesAverageTheMiddleAndInfinityMeansNotReached() {
    // sorted 0.11, 0.12, 0.14, 0.15: (0.12 + 0.14) / 2
    assertEquals(
        0.13, BootstrapMedian.of(new double[] {0.12, 0.15, 0.11, 0.14}, 10, 1).median(), 1e-12);
    double inf = Double.POSITIVE_INFINITY;
    assertEquals(inf, BootstrapMedian.of(new double[] {3, inf, inf}, 10, 1).median());
    assertEquals(3.0, BootstrapMedian.of(new double[] {3, 4, inf}, 10, 1).low());
    assertEquals(inf, BootstrapMedian.of(new double[] {inf, inf}, 10, 1).median());
  }

  @Test
  void badInputIsNamed() {
    assertThrows(IllegalArgumentException.class, () -> BootstrapMedian.of(new double[0], 10, 1));
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> BootstrapMedian.of(new double[] {1, Double.NaN}, 10, 1));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BootstrapMedian.of(new double[] {1}, 0, 1));
  }

  private static double binomialUpperTail(int n, double p, int atLeast) {
    double sum = 0;
    for (int j = atLeast; j <= n; j++) {
      double choose = 1;
      for (int i = 0; i < j; i++) {
        choose = choose * (n - i) / (i + 1);
      }
      sum += choose * Math.pow(p, j) * Math.pow(1 - p, n - j);
    }
    return sum;
  }
}
