package org.deltaboost.data.core;

import java.util.Arrays;
import java.util.Random;

/**
 * Which positions of a list go to each part of a seeded random split: a Fisher–Yates shuffle of
 * {@code 0 … n−1} drawn from {@link Random}{@code (seed)} (the same on every JVM) puts its first
 * {@code count} positions in the first part and the rest in the second; each part is returned in
 * ascending order, so the parts keep the list's order.
 *
 * @param first the positions of the first part, ascending
 * @param second the positions of the second part, ascending
 */
public record RandomSplit(int[] first, int[] second) {

  /**
   * Splits {@code n} positions.
   *
   * @param n how many positions
   * @param count how many go to the first part, in {@code [0, n]}
   * @param seed the shuffle's seed
   * @return the two parts
   */
  public static RandomSplit of(int n, int count, long seed) {
    if (count < 0 || count > n) {
      throw new IllegalArgumentException("split: expected 0 <= count <= " + n + ", found " + count);
    }
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] first = Arrays.copyOfRange(order, 0, count);
    int[] second = Arrays.copyOfRange(order, count, n);
    Arrays.sort(first);
    Arrays.sort(second);
    return new RandomSplit(first, second);
  }

  /**
   * Splits {@code n} positions, {@code round(fraction × n)} of them in the first part.
   *
   * @param n how many positions
   * @param fraction the first part's share, in {@code [0, 1]}
   * @param seed the shuffle's seed
   * @return the two parts
   */
  public static RandomSplit ofFraction(int n, double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction: expected a value in [0, 1], found " + fraction);
    }
    return of(n, (int) Math.round(fraction * n), seed);
  }
}
