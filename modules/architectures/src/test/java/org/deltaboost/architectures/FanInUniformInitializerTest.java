package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FanInUniformInitializerTest {

  @Test
  void drawsWithinTheFanInBoundWithUniformVariance() {
    try (NDManager m = NDManager.newBaseManager()) {
      // a conv weight (out 64, in 16, 3x3): fanIn = 144, bound = 1/12
      float[] w =
          new FanInUniformInitializer()
              .initialize(m, new Shape(64, 16, 3, 3), DataType.FLOAT32)
              .toFloatArray();
      double bound = 1.0 / 12;
      double sumSq = 0;
      for (float v : w) {
        assertTrue(Math.abs(v) <= bound, "value " + v + " outside ±" + bound);
        sumSq += v * v;
      }
      // variance of U(-b, b) is b²/3
      assertEquals(bound * bound / 3, sumSq / w.length, 0.1 * bound * bound / 3);
    }
  }

  @Test
  void seededEngineGivesIdenticalWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      NDArray a = new FanInUniformInitializer().initialize(m, new Shape(10, 20), DataType.FLOAT32);
      Engine.getInstance().setRandomSeed(5);
      NDArray b = new FanInUniformInitializer().initialize(m, new Shape(10, 20), DataType.FLOAT32);
      assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
  }

  @Test
  void rejectsVectors() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new FanInUniformInitializer().initialize(m, new Shape(10), DataType.FLOAT32));
    }
  }
}
