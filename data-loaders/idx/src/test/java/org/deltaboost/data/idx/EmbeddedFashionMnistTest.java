package org.deltaboost.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.deltaboost.data.core.ImageClassificationSet;
import org.junit.jupiter.api.Test;

/** Expected values as in {@link FashionMnistRealDataTest}, from the t10k files with zcat and od. */
class EmbeddedFashionMnistTest {
  @Test
  void isTheFashionMnistTestSet() throws IOException {
    ImageClassificationSet set = EmbeddedFashionMnist.load();
    assertEquals("fashion-mnist-embedded", set.name());
    assertEquals(10_000, set.size());
    assertEquals(28, set.height());
    assertEquals(28, set.width());
    assertEquals(FashionMnist.CLASS_NAMES, set.classNames());
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, set.head(10).labels());
    assertEquals(5, set.label(9_999));
    assertArrayEquals(
        new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, set.classCounts());
    assertEquals(33_456, FashionMnistRealDataTest.pixelSum(set, 0));
    assertEquals(24_390, FashionMnistRealDataTest.pixelSum(set, 9_999));
  }

  @Test
  void equalsTheInstalledTestSet() throws IOException {
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    assumeTrue(MnistFamily.FASHION_MNIST.isComplete(dir), "no Fashion-MNIST in " + dir);
    ImageClassificationSet installed = FashionMnist.load(dir, Split.TEST);
    ImageClassificationSet embedded = EmbeddedFashionMnist.load();
    assertArrayEquals(installed.labels(), embedded.labels());
    for (int i = 0; i < installed.size(); i++) {
      assertArrayEquals(installed.pixels(i), embedded.pixels(i));
    }
  }

  @Test
  void carriesItsLicense() throws IOException {
    String attribution = EmbeddedFashionMnist.attribution();
    assertTrue(attribution.contains("Copyright: 2017, Zalando SE"), attribution);
    assertTrue(attribution.contains("Permission is hereby granted, free of charge"), attribution);
  }
}
