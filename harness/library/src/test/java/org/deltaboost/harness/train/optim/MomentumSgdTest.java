package org.deltaboost.harness.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.harness.train.EngineSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MomentumSgdTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void updateFollowsPyTorchsMomentumFormula() {
    // By hand, lr 0.1, μ 0.9, w0 = (1, 2):
    // step 1: g = (0.5, -1)   v = g = (0.5, -1)             w = (0.95, 2.1)
    // step 2: g = (0.25, 0.5) v = 0.9·v + g = (0.7, -0.4)   w = (0.88, 2.14)
    // step 3: g = (0, 0)      v = (0.63, -0.36)             w = (0.817, 2.176)
    MomentumSgd sgd = new MomentumSgd(0.1, 0.9);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.create(new float[] {1f, 2f});
      sgd.update("w", w, manager.create(new float[] {0.5f, -1f}));
      assertArrayEquals(new float[] {0.95f, 2.1f}, w.toFloatArray(), 1e-6f);
      sgd.update("w", w, manager.create(new float[] {0.25f, 0.5f}));
      assertArrayEquals(new float[] {0.88f, 2.14f}, w.toFloatArray(), 1e-6f);
      sgd.update("w", w, manager.create(new float[] {0f, 0f}));
      assertArrayEquals(new float[] {0.817f, 2.176f}, w.toFloatArray(), 1e-6f);
    }
  }

  @Test
  void withoutMomentumItMatchesDjlsSgd() {
    Optimizer djl = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
    List<float[]> expected = trainTinyNet(djl, 4);
    List<float[]> actual = trainTinyNet(new MomentumSgd(0.05, 0), 4);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), 1e-6f, "parameter " + i);
    }
  }

  @Test
  void savedStateContinuesExactlyInAFreshOptimizer() throws Exception {
    MomentumSgd first = new MomentumSgd(0.1, 0.5);
    MomentumSgd second = new MomentumSgd(0.1, 0.5);
    Block block = tinyNet();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 3));
      for (Pair<String, Parameter> p : block.getParameters()) {
        first.update(
            p.getValue().getId(),
            p.getValue().getArray().duplicate(),
            p.getValue().getArray().onesLike());
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      first.saveState(block, new DataOutputStream(bytes));
      second.loadState(
          block, manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      // With v = 1 stored, the next update with g = 1 is w − 0.1·(0.5·1 + 1) = w − 0.15 in both.
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray a = p.getValue().getArray().duplicate();
        NDArray b = p.getValue().getArray().duplicate();
        NDArray w = p.getValue().getArray();
        first.update(p.getValue().getId(), a, a.onesLike());
        second.update(p.getValue().getId(), b, b.onesLike());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
        assertArrayEquals(w.sub(0.15f).toFloatArray(), b.toFloatArray(), 1e-6f);
      }
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheValue() {
    IllegalArgumentException lr =
        assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(0, 0));
    assertEquals("learning rate must be a finite number > 0, got 0.0", lr.getMessage());
    IllegalArgumentException mu =
        assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(0.1, 1));
    assertEquals("momentum must be in [0, 1), got 1.0", mu.getMessage());
  }

  private static Block tinyNet() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(4).build())
        .add(Linear.builder().setUnits(2).build());
  }

  /**
   * Trains a 3-4-2 linear net for a few steps of L2 loss from a fixed seed; returns its weights.
   */
  private static List<float[]> trainTinyNet(Optimizer optimizer, int steps) {
    Engine.getInstance().setRandomSeed(11);
    Block block = tinyNet();
    try (Model model = Model.newInstance("tiny")) {
      model.setBlock(block);
      try (Trainer trainer =
          model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer))) {
        trainer.initialize(new Shape(5, 3));
        NDManager manager = trainer.getManager();
        NDArray x =
            manager.create(
                new float[] {1, 2, 3, -1, 0, 1, 0.5f, 0.5f, -2, 3, 1, 0, 0, 0, 1}, new Shape(5, 3));
        NDArray y = manager.create(new float[] {1, 0, 0, 1, 1, 1, 0, 0, 2, -1}, new Shape(5, 2));
        for (int i = 0; i < steps; i++) {
          try (GradientCollector collector = trainer.newGradientCollector()) {
            collector.backward(
                trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
          }
          trainer.step();
        }
        List<float[]> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
          weights.add(p.getValue().getArray().toFloatArray());
        }
        return weights;
      }
    }
  }
}
