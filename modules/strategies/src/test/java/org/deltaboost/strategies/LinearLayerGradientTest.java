package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.MAX_NORM_FLOOR;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.tolerance;
import static org.deltaboost.strategies.GradientCheck.values;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The delta reaches the parameters: {@code dW = deltaᵀ · x / B}, {@code db = Σ_b delta / B}. */
class LinearLayerGradientTest {

  private static final int INPUTS = 6;

  static Object[][] cases() {
    return DeltaLossTest.cases().stream().map(a -> a.get()).toArray(Object[][]::new);
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("cases")
  void parameterGradientsFollowTheDelta(StrategyConfig config, DataType dataType, int batchSize) {
    long seed = Objects.hash(config, dataType, batchSize, INPUTS);
    int numClasses = RandomBatch.NUM_CLASSES;
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed((int) seed);
      SplittableRandom random = new SplittableRandom(seed);
      double[] inputs = random.doubles(batchSize * INPUTS, -1, 1).toArray();
      int[] labels = random.ints(batchSize, 0, numClasses).toArray();
      NDArray x = m.create(inputs, new Shape(batchSize, INPUTS)).toType(dataType, false);
      Linear linear = Linear.builder().setUnits(numClasses).build();
      linear.initialize(m, dataType, x.getShape());
      Loss loss = Strategies.create(config).loss();

      NDArray z;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        z = linear.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
        collector.backward(loss.evaluate(new NDList(m.create(labels)), new NDList(z)));
      }

      double[] xValues = values(x);
      double[] zValues = values(z);
      double[] targets = ReferenceRules.targets(labels, numClasses, config);
      double[] delta = ReferenceRules.delta(config, zValues, targets, numClasses);
      double[] expectedWeight = new double[numClasses * INPUTS];
      double[] expectedBias = new double[numClasses];
      for (int b = 0; b < batchSize; b++) {
        for (int k = 0; k < numClasses; k++) {
          double d = delta[b * numClasses + k] / batchSize;
          expectedBias[k] += d;
          for (int j = 0; j < INPUTS; j++) {
            expectedWeight[k * INPUTS + j] += d * xValues[b * INPUTS + j];
          }
        }
      }
      NDArray weight = linear.getParameters().get("weight").getArray();
      NDArray bias = linear.getParameters().get("bias").getArray();
      assertClose(
          values(weight.getGradient()),
          expectedWeight,
          tolerance(dataType),
          MAX_NORM_FLOOR,
          config + " dW");
      assertClose(
          values(bias.getGradient()),
          expectedBias,
          tolerance(dataType),
          MAX_NORM_FLOOR,
          config + " db");
    }
  }
}
