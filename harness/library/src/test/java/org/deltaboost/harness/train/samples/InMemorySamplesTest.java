package org.deltaboost.harness.train.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InMemorySamplesTest {

  private static final int N = 12;
  private static ImageClassificationSet set;
  private static final int[] ORDER = {3, 1, 4, 0, 5, 9, 2, 6};

  @BeforeAll
  static void data() {
    EngineSetup.configure();
    SplittableRandom random = new SplittableRandom(3);
    byte[] pixels = new byte[N * 3 * 8 * 8];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) random.nextInt(256);
    }
    int[] labels = new int[N];
    Arrays.setAll(labels, i -> i % 10);
    set =
        new ImageClassificationSet(
            "t",
            pixels,
            labels,
            3,
            8,
            8,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
  }

  private static float[][] batch(SampleSet samples, int pass) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList b = samples.batch(manager, ORDER, 2, 5, pass);
      return new float[][] {b.get(0).toFloatArray(), b.get(1).toFloatArray()};
    }
  }

  private static final InputNormalization NORMALIZATION =
      new InputNormalization(1.0 / 255, List.of(0.5, 0.4, 0.3), List.of(0.25, 0.2, 0.5));

  @Test
  void plainBatchesArePixelsOver255InTheGivenOrder() throws Exception {
    float[][] b = batch(InMemorySamples.plain(set), 0);
    for (int i = 0; i < 5; i++) {
      byte[] pixels = set.pixels(ORDER[2 + i]);
      for (int k = 0; k < pixels.length; k++) {
        assertEquals((pixels[k] & 0xFF) / 255f, b[0][i * pixels.length + k], 1e-7f);
      }
      assertEquals(set.label(ORDER[2 + i]), b[1][i]);
    }
  }

  @Test
  void normalizationSubtractsTheMeanAndDividesByTheDeviationPerChannel() throws Exception {
    float[][] b = batch(InMemorySamples.of(set, NORMALIZATION, null, 1), 0);
    int plane = 64;
    for (int i = 0; i < 5; i++) {
      byte[] pixels = set.pixels(ORDER[2 + i]);
      for (int k = 0; k < pixels.length; k++) {
        int c = k / plane;
        double expected =
            ((pixels[k] & 0xFF) / 255.0 - NORMALIZATION.mean().get(c)) / NORMALIZATION.std().get(c);
        assertEquals(expected, b[0][i * pixels.length + k], 1e-5);
      }
    }
  }

  @Test
  void augmentationDependsOnlyOnThePassAndThePlaceOfTheBatch() throws Exception {
    InMemorySamples augmented =
        InMemorySamples.of(set, NORMALIZATION, InMemorySamples.Augmentation.cifar(), 1);
    float[][] first = batch(augmented, 3);
    float[][] again = batch(augmented, 3); // after other batches, in a fresh order of calls
    assertArrayEquals(first[0], again[0]);
    assertArrayEquals(first[1], again[1]);
    assertFalse(Arrays.equals(first[0], batch(augmented, 4)[0]), "another epoch crops elsewhere");
    assertFalse(
        Arrays.equals(first[0], batch(InMemorySamples.of(set, NORMALIZATION, null, 1), 3)[0]),
        "augmentation changes the images");
  }

  @Test
  void theEvaluationViewDoesNotAugment() throws Exception {
    InMemorySamples augmented =
        InMemorySamples.of(set, NORMALIZATION, InMemorySamples.Augmentation.cifar(), 1);
    assertArrayEquals(
        batch(InMemorySamples.of(set, NORMALIZATION, null, 1), 5)[0],
        batch(augmented.forEvaluation(), 5)[0]);
  }

  @Test
  void splitsAndHeadsKeepTheRecipe() throws Exception {
    InMemorySamples augmented =
        InMemorySamples.of(set, NORMALIZATION, InMemorySamples.Augmentation.cifar(), 1);
    List<SampleSet> parts = augmented.split(0.25, 9);
    assertEquals(3, parts.get(0).size());
    assertEquals(9, parts.get(1).size());
    assertEquals(NORMALIZATION, parts.get(1).normalization());
    assertEquals(5, augmented.head(5).size());
  }

  @Test
  void aNormalizationForOtherChannelsIsRefused() {
    InputNormalization two =
        new InputNormalization(1.0 / 255, List.of(0.5, 0.5), List.of(1.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> InMemorySamples.of(set, two, null, 1));
    InputNormalization raw = new InputNormalization(1, List.of(0.0), List.of(1.0));
    assertThrows(IllegalArgumentException.class, () -> InMemorySamples.of(set, raw, null, 1));
  }
}
