package org.deltaboost.architectures;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
import java.util.function.Function;

/** Test support: trainable-parameter counting and a one-SGD-step loss check. */
final class TrainingCheck {

  private TrainingCheck() {}

  /** Sum of the sizes of the parameters that take gradients (BN running statistics excluded). */
  static long trainableParameters(Block block) {
    long count = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        count += p.getValue().getArray().size();
      }
    }
    return count;
  }

  /**
   * Seeds the engine, initializes {@code block} for {@code inputShapes}, makes inputs and class
   * labels with {@code data}, and returns the softmax cross-entropy before and after one SGD step.
   */
  static float[] lossBeforeAndAfterOneStep(
      Block block, float learningRate, Function<NDManager, NDList[]> data, Shape... inputShapes) {
    Engine.getInstance().setRandomSeed(11);
    try (Model model = Model.newInstance("check")) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(inputShapes);
        NDList[] inputsAndLabels = data.apply(trainer.getManager());
        float before = loss(trainer, inputsAndLabels[0], inputsAndLabels[1], true);
        trainer.step();
        float after = loss(trainer, inputsAndLabels[0], inputsAndLabels[1], false);
        return new float[] {before, after};
      }
    }
  }

  private static float loss(Trainer trainer, NDList inputs, NDList labels, boolean backward) {
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
      if (backward) {
        gc.backward(loss);
      }
      return loss.getFloat();
    }
  }

  /**
   * Random images {@code (shape)} and random labels in {@code [0, classes)} of length {@code n}.
   */
  static NDList[] imagesAndLabels(NDManager m, Shape shape, int classes, long n) {
    NDArray x = m.randomNormal(shape);
    NDArray y =
        m.randomInteger(0, classes, new Shape(n), DataType.INT32).toType(DataType.FLOAT32, false);
    return new NDList[] {new NDList(x), new NDList(y)};
  }
}
