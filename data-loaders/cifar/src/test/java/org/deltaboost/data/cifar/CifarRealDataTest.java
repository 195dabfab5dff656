package org.deltaboost.data.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;
import org.junit.jupiter.api.Test;

/**
 * The real CIFAR-10 where the standard places hold it ({@code $DELTABOOST_DATA}, {@code
 * ~/.deltaboost/datasets}, {@code /usr/share/datasets}); skipped elsewhere. Expected values are
 * published ones: 5,000 training and 1,000 test images per class (the CIFAR page), the first labels
 * as torchvision's loader reads them, and the commonly quoted per-channel mean and population
 * deviation of the training pixels.
 */
class CifarRealDataTest {
  private static Path location() {
    DataLocator locator = DataLocator.standard();
    DatasetStatus status = CifarDataset.CIFAR_10.status(locator);
    assumeTrue(status.usable(), "no CIFAR-10 here: " + status.state());
    return status.foundAt().orElseThrow();
  }

  @Test
  void trainingSet() throws IOException {
    ImageClassificationSet train = CifarDataset.CIFAR_10.load(location(), CifarSplit.TRAIN);
    assertEquals(50_000, train.size());
    int[] perClass = new int[10];
    Arrays.fill(perClass, 5_000);
    assertArrayEquals(perClass, train.classCounts());
    assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, train.head(10).labels());
    InputNormalization stats = InputNormalization.of(train);
    double[] mean = {0.4914, 0.4822, 0.4465};
    double[] std = {0.2470, 0.2435, 0.2616};
    for (int c = 0; c < 3; c++) {
      assertEquals(mean[c], stats.mean().get(c), 1e-4, "mean of channel " + c);
      assertEquals(std[c], stats.std().get(c), 1e-4, "std of channel " + c);
    }
  }

  @Test
  void testSet() throws IOException {
    ImageClassificationSet test = CifarDataset.CIFAR_10.load(location(), CifarSplit.TEST);
    assertEquals(10_000, test.size());
    int[] perClass = new int[10];
    Arrays.fill(perClass, 1_000);
    assertArrayEquals(perClass, test.classCounts());
    assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, test.head(10).labels());
  }
}
