package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class AllConv10Test {

  /**
   * All-CNN-C widths on CIFAR-10: convs 3·96·9 + 2·(96·96·9) + 96·192·9 + 3·(192·192·9) + 192·192 +
   * 192·10 = 1,363,872; BN 2·(3·96 + 5·192 + 10) = 2,516; head 10·6·6·10 + 10 = 3,610.
   */
  private static final long PAPER_PARAMETERS = 1_374_606;

  @Test
  void paperSizesHaveHandCountedParametersASixBySixHeadAndTenLogits() {
    AllConv10 net = AllConv10.builder().build();
    assertEquals(PAPER_PARAMETERS, net.parameterCount());
    Block block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertEquals(PAPER_PARAMETERS, TrainingCheck.trainableParameters(block));
      // the fully connected layer that replaces global averaging reads 10 maps of 6×6
      Shape headWeight = null;
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          headWeight = p.getValue().getArray().getShape();
        }
      }
      assertEquals(new Shape(10, 360), headWeight);
      NDList out =
          block.forward(
              new ParameterStore(m, false),
              new NDList(m.randomNormal(new Shape(2, 3, 32, 32))),
              false);
      assertEquals(new Shape(2, 10), out.singletonOrThrow().getShape());
    }
  }

  @Test
  void oneTrainingStepLowersTheLoss() {
    // Multiples of 16 channels: see the width setter's Javadoc (an engine bug in conv gradients).
    Block block = AllConv10.builder().setWidths(16, 32).setNumClasses(4).build().block();
    Shape images = new Shape(8, 3, 32, 32);
    float[] loss =
        TrainingCheck.lossBeforeAndAfterOneStep(
            block, 0.05f, m -> TrainingCheck.imagesAndLabels(m, images, 4, 8), images);
    assertTrue(loss[1] < loss[0], "loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void rejectsInputsTooSmallForTheValidConvolution() {
    // 8 → 8 → 8 → 4 → 4 → 4 → 2, and the unpadded 3×3 conv7 needs 3
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AllConv10.builder().setInputSize(8).build());
    assertTrue(e.getMessage().contains("AllConv10 conv7"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AllConv10.builder().setWidths(0, 192));
  }
}
