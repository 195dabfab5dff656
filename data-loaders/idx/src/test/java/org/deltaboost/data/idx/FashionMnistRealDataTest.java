package org.deltaboost.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.ImageClassificationSet;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST files of Debian's {@code dataset-fashion-mnist}; skipped where absent.
 * Expected values were computed from the files with other tools, e.g. the first training label:
 * {@code zcat train-labels-idx1-ubyte.gz | od -A d -t u1 -j 8 -N 1} gives 9; the class histogram:
 * {@code zcat … | tail -c +9 | od -An -v -t u1 -w1 | sort -n | uniq -c}; pixel sums with {@code
 * zcat … | tail -c +17 | od -An -v -t u1 -w1 | awk '{s+=$1} END {printf "%.0f", s}'}.
 */
class FashionMnistRealDataTest {
  private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private static ImageClassificationSet load(Split split) throws IOException {
    assumeTrue(MnistFamily.FASHION_MNIST.isComplete(DIR), "no Fashion-MNIST in " + DIR);
    return FashionMnist.load(DIR, split);
  }

  @Test
  void trainingSet() throws IOException {
    ImageClassificationSet train = load(Split.TRAIN);
    assertEquals(60_000, train.size());
    assertEquals(9, train.label(0));
    assertEquals("Ankle boot", train.classNames().get(train.label(0)));
    assertArrayEquals(
        new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
        train.classCounts());
    assertEquals(76_247, pixelSum(train, 0));
    long total = 0;
    for (int i = 0; i < train.size(); i++) {
      total += pixelSum(train, i);
    }
    assertEquals(3_431_114_169L, total);
  }

  @Test
  void testSet() throws IOException {
    ImageClassificationSet test = load(Split.TEST);
    assertEquals(10_000, test.size());
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, test.head(10).labels());
    assertArrayEquals(
        new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, test.classCounts());
    assertEquals(33_456, pixelSum(test, 0));
  }

  @Test
  void isFoundUnderItsRoot() throws IOException {
    assumeTrue(MnistFamily.FASHION_MNIST.isComplete(DIR), "no Fashion-MNIST in " + DIR);
    assertEquals(DIR, FashionMnist.locate(DataLocator.ofRoots(List.of(DIR.getParent()))));
  }

  static long pixelSum(ImageClassificationSet set, int index) {
    long sum = 0;
    for (byte b : set.pixels(index)) {
      sum += b & 0xFF;
    }
    return sum;
  }
}
