package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's library example, compiled and run here; a second test keeps the two identical. */
class ReadmeExampleTest {

  private static final String BEGIN = "// README:begin";
  private static final String END = "// README:end";

  /** Trains a small net on one fixed batch; returns the losses of the first and last step. */
  static float[] readmeExample() {
    // README:begin
    OutputStrategy expGb =
        Strategies.create(StrategyConfig.defaults("exp-gb")); // α=0.1, targets {0,10}
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(50).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(10).build()); // linear output layer: the logits z
    float first = 0;
    float last = 0;
    try (Model model = Model.newInstance("my-net")) {
      model.setBlock(net);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(expGb.loss()) // ∂loss/∂z = delta / B
              .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.02f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 20));
        NDManager manager = trainer.getManager();
        NDArray x = manager.randomNormal(new Shape(32, 20)); // your features
        NDArray labels =
            manager.randomInteger(0, 10, new Shape(32), DataType.INT32); // class indices
        for (int step = 0; step < 20; step++) {
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray loss =
                trainer.getLoss().evaluate(new NDList(labels), trainer.forward(new NDList(x)));
            collector.backward(loss); // the value is the readable ½·Σ(y−t)²/B
            last = loss.getFloat();
            first = step == 0 ? last : first;
          }
          trainer.step();
        }
        NDArray predicted =
            trainer.evaluate(new NDList(x)).singletonOrThrow().argMax(1); // argmax(z)
        System.out.println("predicted classes: " + predicted);
      }
    }
    // README:end
    return new float[] {first, last};
  }

  @Test
  void exampleRunsAndLearns() {
    ai.djl.engine.Engine.getInstance().setRandomSeed(3);
    float[] losses = readmeExample();
    assertTrue(losses[1] < losses[0], "loss " + losses[0] + " -> " + losses[1]);
  }

  @Test
  void readmeShowsExactlyThisExample() throws IOException {
    Path source = Path.of("src/test/java/org/deltaboost/strategies/ReadmeExampleTest.java");
    Path readme = Path.of("../../README.md");
    String code = between(Files.readString(source), "    " + BEGIN + "\n", "    " + END);
    String readmeText = Files.readString(readme);
    String unindented = code.replaceAll("(?m)^    ", "");
    assertTrue(
        readmeText.contains(unindented),
        "README.md must contain the example from " + source + " verbatim:\n" + unindented);
  }

  private static String between(String text, String begin, String end) {
    int from = text.indexOf(begin) + begin.length();
    return text.substring(from, text.indexOf(end, from));
  }
}
