package org.deltaboost.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TopKErrorTest {
  // Example 0: label 1 scores highest (rank 0). Example 1: label 2 has one higher score (rank 1).
  // Example 2: label 3 scores lowest of 4 (rank 3). Top-1 wrong: 1, 2 → 2/3; top-2 wrong: 2 →
  // 1/3; top-5 (more than the 4 classes): none wrong.
  private static final float[] SCORES = {
    0.1f, 0.5f, 0.3f, 0.2f, //
    0.4f, 0.1f, 0.3f, 0.2f, //
    0.4f, 0.3f, 0.2f, 0.1f
  };
  private static final float[] LABELS = {1, 2, 3};

  @Test
  void perExampleAndAccumulatedErrorsMatchTheHandRanks() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList labels = new NDList(manager.create(LABELS));
      NDList scores = new NDList(manager.create(SCORES, new Shape(3, 4)));
      assertArrayEquals(
          new int[] {0, 1, 1}, TopKError.top1().evaluate(labels, scores).toIntArray());
      float[] expected = {2 / 3f, 1 / 3f, 0};
      TopKError[] evaluators = {TopKError.top1(), new TopKError(2), TopKError.top5()};
      for (int i = 0; i < 3; i++) {
        TopKError evaluator = evaluators[i];
        evaluator.addAccumulator("val");
        evaluator.updateAccumulator("val", labels, scores);
        evaluator.updateAccumulator("val", labels, scores); // twice: same share
        assertEquals(expected[i], evaluator.getAccumulator("val"), 1e-6f, evaluator.getName());
        evaluator.resetAccumulator("val");
        assertEquals(Float.NaN, evaluator.getAccumulator("val"));
      }
    }
  }

  @Test
  void tiesFavourTheTrueClass() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList labels = new NDList(manager.create(new int[] {2}));
      NDList scores = new NDList(manager.create(new float[] {1, 1, 1}, new Shape(1, 3)));
      assertArrayEquals(new int[] {0}, TopKError.top1().evaluate(labels, scores).toIntArray());
    }
  }

  @Test
  void rejectsKBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new TopKError(0));
  }
}
