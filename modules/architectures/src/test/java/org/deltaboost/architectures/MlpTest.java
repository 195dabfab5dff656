package org.deltaboost.architectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class MlpTest {

  /** 784·392+392 + 392·50+50 + 50·10+10, computed by hand. */
  private static final long PAPER_MLP_PARAMETERS = 327_880;

  @Test
  void paperSizesHaveHandCountedParameters() {
    Mlp mlp = Mlp.builder().build();
    assertEquals(PAPER_MLP_PARAMETERS, mlp.parameterCount());
    Block block = mlp.block();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 28, 28));
      long counted = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        counted += p.getValue().getArray().size();
      }
      assertEquals(PAPER_MLP_PARAMETERS, counted);
      Shape[] out = block.getOutputShapes(new Shape[] {new Shape(32, 1, 28, 28)});
      assertEquals(new Shape(32, 10), out[0]);
    }
  }

  @Test
  void oneTrainingStepLowersTheLoss() {
    Engine.getInstance().setRandomSeed(7);
    try (Model model = Model.newInstance("mlp")) {
      model.setBlock(
          Mlp.builder().setInputSize(20).setHiddenSizes(16, 8).setOutputSize(3).build().block());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(16, 20));
        NDManager m = trainer.getManager();
        NDArray x = m.randomNormal(new Shape(16, 20));
        NDArray y =
            m.randomInteger(0, 3, new Shape(16), ai.djl.ndarray.types.DataType.INT32)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        float before = lossOf(trainer, x, y, true);
        trainer.step();
        float after = lossOf(trainer, x, y, false);
        assertTrue(after < before, "loss " + before + " -> " + after);
      }
    }
  }

  private static float lossOf(Trainer trainer, NDArray x, NDArray y, boolean backward) {
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
      if (backward) {
        gc.backward(loss);
      }
      return loss.getFloat();
    }
  }

  @Test
  void rejectsNonsenseSizes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().setHiddenSizes(392, 0));
    assertTrue(e.getMessage().contains("[392, 0]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Mlp.builder().setOutputSize(1));
  }
}
