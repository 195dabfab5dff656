package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypercolumnSamplerTest {

  @Test
  void interpolatesACoarseMapAtPixelCentresPerImage() {
    try (NDManager m = NDManager.newBaseManager()) {
      // two images' 2×2 maps for a 4×4 input: cell centres sit at pixel 0.5 and 2.5
      NDArray map = m.create(new float[] {0, 1, 2, 3, 10, 11, 12, 13}, new Shape(2, 1, 2, 2));
      NDArray rows = m.create(new float[] {1, 0, 3, 1, 0, 3}, new Shape(2, 3));
      NDArray cols = m.create(new float[] {1, 0, 2, 1, 0, 2}, new Shape(2, 3));
      float[] got = new HypercolumnSampler(List.of(map), 4, 4).sample(rows, cols).toFloatArray();
      // (1,1) → (0.25, 0.25): .5625·0 + .1875·1 + .1875·2 + .0625·3 = 0.75
      // (0,0) → (-0.25, -0.25) clamped to cell (0,0): 0
      // (3,2) → (1.25→1, 0.75): .25·2 + .75·3 = 2.75
      // image 1 holds image 0's values + 10, and bilinear weights sum to 1
      assertArrayEquals(new float[] {0.75f, 0f, 2.75f, 10.75f, 10f, 12.75f}, got, 1e-6f);
    }
  }

  @Test
  void concatenatesMapsAndReadsFullResolutionMapsExactly() {
    try (NDManager m = NDManager.newBaseManager()) {
      // a 2-channel 4×4 map at input resolution: value = 100·channel + 4·row + col
      NDArray fine = m.arange(0f, 32f).reshape(1, 2, 4, 4);
      fine = fine.add(fine.div(16).floor().mul(84)); // channel 1 becomes 100 + 4·row + col
      NDArray coarse = m.create(new float[] {7}, new Shape(1, 1, 1, 1));
      NDArray rows = m.create(new float[] {2, 3}, new Shape(1, 2));
      NDArray cols = m.create(new float[] {1, 0}, new Shape(1, 2));
      HypercolumnSampler sampler = new HypercolumnSampler(List.of(fine, coarse), 4, 4);
      assertEquals(3, sampler.hypercolumnSize());
      NDArray got = sampler.sample(rows, cols);
      assertEquals(new Shape(2, 3), got.getShape());
      assertArrayEquals(new float[] {9, 109, 7, 12, 112, 7}, got.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void gradientReachesTheFourNeighbouringCellsWithTheBilinearWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray map = m.zeros(new Shape(1, 1, 2, 2));
      map.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray value =
            new HypercolumnSampler(List.of(map), 4, 4)
                .sample(
                    m.create(new float[] {1}, new Shape(1, 1)),
                    m.create(new float[] {1}, new Shape(1, 1)));
        gc.backward(value.sum());
      }
      assertArrayEquals(
          new float[] {0.5625f, 0.1875f, 0.1875f, 0.0625f},
          map.getGradient().toFloatArray(),
          1e-6f);
    }
  }
}
