package org.deltaboost.harness.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deltaboost.harness.train.EngineSetup;
import org.deltaboost.harness.train.config.AdamSettings;
import org.deltaboost.harness.train.config.ScheduleSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training loop's optimizer step ({@link TrainingOptimizer#step}, gradients read and zeroed in
 * place) against DJL's {@code Trainer.step()} (a copy of every gradient handed to {@link
 * TrainingOptimizer#update}), and the plain SGD step against DJL's own {@code Sgd}: the same
 * weights, bit for bit, after several steps.
 */
class OptimizerPathsTest {

  private static final int STEPS = 5;

  @BeforeAll
  static void engine() {
    EngineSetup.configure();
  }

  @Test
  void plainSgdInPlaceEqualsDjlsSgdBitForBit() {
    List<float[]> djl =
        trainTinyNet(
            () -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build(), false);
    List<float[]> inPlace = trainTinyNet(() -> new MomentumSgd(0.05, 0), true);
    assertSame(djl, inPlace);
  }

  @Test
  void everyOptimizerGivesTheSameNumbersOnBothPaths() {
    ScheduleSettings cosine = new ScheduleSettings("cosine", null, null, 0.001, 0.5);
    List<Supplier<TrainingOptimizer>> optimizers =
        List.of(
            () -> new MomentumSgd(0.05, 0),
            () -> new MomentumSgd(new LearningRateSchedule(cosine, 0.05, 2, 3), 0.9, 1e-2),
            () -> new Adam(LearningRateSchedule.constant(0.01), AdamSettings.defaults(), 0),
            () ->
                new Adam(
                    new LearningRateSchedule(cosine, 0.01, 2, 3),
                    new AdamSettings(0.8, 0.99, 1e-6),
                    1e-2));
    for (Supplier<TrainingOptimizer> optimizer : optimizers) {
      List<float[]> viaTrainer = trainTinyNet(optimizer::get, false);
      List<float[]> inPlace = trainTinyNet(optimizer::get, true);
      assertSame(viaTrainer, inPlace);
    }
  }

  private static void assertSame(List<float[]> expected, List<float[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), 0f, "parameter " + i);
    }
  }

  static Block tinyNet() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(4).build())
        .add(Linear.builder().setUnits(2).build());
  }

  /**
   * Trains a 3-4-2 linear net for {@link #STEPS} steps of L2 loss from a fixed seed, stepping with
   * {@code Trainer.step()} or, when {@code inPlace}, {@link TrainingOptimizer#step}; returns its
   * weights.
   */
  static List<float[]> trainTinyNet(Supplier<Optimizer> optimizers, boolean inPlace) {
    Engine.getInstance().setRandomSeed(11);
    Block block = tinyNet();
    Optimizer optimizer = optimizers.get();
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
        for (int i = 0; i < STEPS; i++) {
          try (GradientCollector collector = trainer.newGradientCollector()) {
            collector.backward(
                trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x))));
          }
          if (inPlace) {
            ((TrainingOptimizer) optimizer).step(block.getParameters());
          } else {
            trainer.step();
          }
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
