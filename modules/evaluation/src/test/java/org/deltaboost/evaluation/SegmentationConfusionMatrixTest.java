package org.deltaboost.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SegmentationConfusionMatrixTest {
  // Truth 0 0 1 1 255 2, predicted 0 1 1 1 2 0 (the void pixel is not counted):
  // n[0][0] = 1, n[0][1] = 1, n[1][1] = 2, n[2][0] = 1.
  // IoU0 = 1 / (2 + 2 − 1) = 1/3, IoU1 = 2 / (2 + 3 − 2) = 2/3, IoU2 = 0 / (1 + 0 − 0) = 0,
  // class 3 absent and never predicted: undefined. mIoU = (1/3 + 2/3 + 0) / 3 = 1/3.
  // Pixel accuracy = 3 / 5.
  private static final int[] TRUTH = {0, 0, 1, 1, 255, 2};
  private static final int[] PREDICTED = {0, 1, 1, 1, 2, 0};

  private static void assertHandCounts(SegmentationConfusionMatrix m) {
    assertEquals(1, m.count(0, 0));
    assertEquals(1, m.count(0, 1));
    assertEquals(2, m.count(1, 1));
    assertEquals(1, m.count(2, 0));
    assertEquals(0, m.count(2, 2));
    assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 0, Double.NaN}, m.ious(), 1e-12);
    assertEquals(1 / 3.0, m.meanIou(), 1e-12);
    assertEquals(0.6, m.pixelAccuracy(), 1e-12);
  }

  @Test
  void iouFromHandCountedPixels() {
    SegmentationConfusionMatrix m = new SegmentationConfusionMatrix(4);
    m.add(TRUTH, PREDICTED);
    assertHandCounts(m);
    m.reset();
    assertTrue(Double.isNaN(m.meanIou()));
  }

  @Test
  void countsFloatLabelArraysAsTheDatasetMakesThem() {
    SegmentationConfusionMatrix m = new SegmentationConfusionMatrix(4);
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] truth = new float[TRUTH.length];
      for (int i = 0; i < truth.length; i++) {
        truth[i] = TRUTH[i];
      }
      m.add(
          manager.create(truth, new Shape(1, 2, 3)), manager.create(PREDICTED, new Shape(1, 2, 3)));
    }
    assertHandCounts(m);
  }

  @Test
  void rejectsOutOfRangeValues() {
    SegmentationConfusionMatrix m = new SegmentationConfusionMatrix(21);
    assertEquals(
        "predicted at 0: expected 0..20, found 21",
        assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0}, new int[] {21}))
            .getMessage());
    assertEquals(
        "truth at 0: expected 0..20 or 255, found 254",
        assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {254}, new int[] {0}))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.add(new int[] {0}, new int[] {0, 1}));
  }
}
