package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomSplitTest {

  @Test
  void thePartsAreDisjointSortedAndCoverEveryPosition() {
    RandomSplit split = RandomSplit.of(50, 12, 7);
    assertEquals(12, split.first().length);
    assertEquals(38, split.second().length);
    int[] all =
        IntStream.concat(Arrays.stream(split.first()), Arrays.stream(split.second()))
            .sorted()
            .toArray();
    assertArrayEquals(IntStream.range(0, 50).toArray(), all);
    assertArrayEquals(Arrays.stream(split.first()).sorted().toArray(), split.first());
  }

  @Test
  void theSameSeedGivesTheSameSplitAndTheFractionRounds() {
    assertArrayEquals(RandomSplit.of(30, 5, 3).first(), RandomSplit.of(30, 5, 3).first());
    assertEquals(4, RandomSplit.ofFraction(10, 0.35, 1).first().length);
  }

  @Test
  void countsAndFractionsOutOfRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RandomSplit.of(3, 4, 1));
    assertThrows(IllegalArgumentException.class, () -> RandomSplit.ofFraction(3, 1.5, 1));
  }
}
