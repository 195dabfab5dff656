package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class AlexNetBnTest {

  /**
   * Convs 3·96·121 + 96·256·25 + 256·384·9 + 384·384·9 + 384·256·9 = 3,745,824; their BN
   * 2·(96+256+384+384+256) = 2,752; fc6 9216·4096 + 8,192 (BN); fc7 4096·4096 + 8,192; fc8
   * 4096·1000 + 1000. 256·6·6 = 9216 features at both 224 and 227.
   */
  private static final long PAPER_PARAMETERS = 62_387_912;

  @Test
  void paperSizesHaveHandCountedParametersAndThousandLogits() {
    assertEquals(PAPER_PARAMETERS, AlexNetBn.builder().build().parameterCount());
    assertEquals(PAPER_PARAMETERS, AlexNetBn.builder().setInputSize(227).build().parameterCount());
    Block block = AlexNetBn.builder().build().block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      assertEquals(PAPER_PARAMETERS, TrainingCheck.trainableParameters(block));
      ParameterStore ps = new ParameterStore(m, false);
      assertEquals(
          new Shape(2, 1000),
          block
              .forward(ps, new NDList(m.randomNormal(new Shape(2, 3, 224, 224))), false)
              .singletonOrThrow()
              .getShape());
      // the same weights take 227×227 crops (6×6 maps before fc6 either way)
      assertEquals(
          new Shape(1, 1000),
          block
              .forward(ps, new NDList(m.randomNormal(new Shape(1, 3, 227, 227))), false)
              .singletonOrThrow()
              .getShape());
    }
  }

  @Test
  void oneTrainingStepOfAReducedCopyLowersTheLoss() {
    // Multiples of 16 channels: see the width setter's Javadoc (an engine bug in conv gradients).
    Block block =
        AlexNetBn.builder()
            .setInputSize(63)
            .setConvWidths(16, 16, 16, 16, 16)
            .setHiddenUnits(32)
            .setNumClasses(5)
            .setDropout(0)
            .build()
            .block();
    Shape images = new Shape(8, 3, 63, 63);
    float[] loss =
        TrainingCheck.lossBeforeAndAfterOneStep(
            block, 0.01f, m -> TrainingCheck.imagesAndLabels(m, images, 5, 8), images);
    assertTrue(loss[1] < loss[0], "loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void rejectsCropsTooSmallForThreePoolings() {
    // 62 → conv1 14 → pool 6 → pool 2 → the last 3×3 pooling has nothing to pool
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AlexNetBn.builder().setInputSize(62).build());
    assertTrue(e.getMessage().contains("pool after conv5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AlexNetBn.builder().setDropout(1f));
  }
}
