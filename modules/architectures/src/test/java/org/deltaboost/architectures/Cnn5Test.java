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

class Cnn5Test {

  /**
   * CIFAR-10, widths 32-64-128-256, maps 32→16→8→4→2: convs 3·32·9 + 32·64·9 + 64·128·9 + 128·256·9
   * = 387,936; BN 2·(32+64+128+256) = 960; output 256·2·2·10 + 10 = 10,250.
   */
  private static final long CIFAR_PARAMETERS = 399_146;

  /** MNIST 1×28×28, maps 28→14→7→3→1: 9·32 + 18,432 + 73,728 + 294,912 + 960 + 256·10 + 10. */
  private static final long MNIST_PARAMETERS = 390_890;

  @Test
  void cifarSizesHaveHandCountedParametersAndTenLogits() {
    Cnn5 net = Cnn5.builder().build();
    assertEquals(CIFAR_PARAMETERS, net.parameterCount());
    Block block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertEquals(CIFAR_PARAMETERS, TrainingCheck.trainableParameters(block));
      NDList out =
          block.forward(
              new ParameterStore(m, false),
              new NDList(m.randomNormal(new Shape(4, 3, 32, 32))),
              false);
      assertEquals(new Shape(4, 10), out.singletonOrThrow().getShape());
    }
  }

  @Test
  void mnistSizesHaveHandCountedParameters() {
    Cnn5 net = Cnn5.builder().setInputChannels(1).setInputSize(28).build();
    assertEquals(MNIST_PARAMETERS, net.parameterCount());
    Block block = net.block();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      assertEquals(MNIST_PARAMETERS, TrainingCheck.trainableParameters(block));
      assertEquals(
          new Shape(8, 10), block.getOutputShapes(new Shape[] {new Shape(8, 1, 28, 28)})[0]);
    }
  }

  @Test
  void outputBatchNormAddsTwoParametersPerClass() {
    Cnn5 net = Cnn5.builder().setOutputBatchNorm(true).build();
    assertEquals(CIFAR_PARAMETERS + 20, net.parameterCount());
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = net.block();
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertEquals(CIFAR_PARAMETERS + 20, TrainingCheck.trainableParameters(block));
    }
  }

  @Test
  void oneTrainingStepLowersTheLoss() {
    // Multiples of 16 channels: see the width setter's Javadoc (an engine bug in conv gradients).
    Block block = Cnn5.builder().setWidths(16, 16, 16, 16).setNumClasses(4).build().block();
    Shape images = new Shape(16, 3, 32, 32);
    float[] loss =
        TrainingCheck.lossBeforeAndAfterOneStep(
            block, 0.05f, m -> TrainingCheck.imagesAndLabels(m, images, 4, 16), images);
    assertTrue(loss[1] < loss[0], "loss " + loss[0] + " -> " + loss[1]);
  }

  @Test
  void rejectsInputsTooSmallForFourPoolings() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cnn5.builder().setInputSize(15).build());
    assertTrue(e.getMessage().contains("Cnn5 pool4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cnn5.builder().setWidths(8, 0, 8, 8));
    assertThrows(IllegalArgumentException.class, () -> Cnn5.builder().setNumClasses(1));
  }
}
