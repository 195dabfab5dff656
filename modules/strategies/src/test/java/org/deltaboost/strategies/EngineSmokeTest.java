package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
  @Test
  void engineLoads() {
    Engine engine = Engine.getInstance();
    assertEquals("PyTorch", engine.getEngineName());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 2, 3});
      x.setRequiresGradient(true);
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray y = x.mul(x).sum();
        gc.backward(y);
      }
      assertEquals(4f, x.getGradient().getFloat(1));
    }
  }
}
