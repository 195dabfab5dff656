package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.ELEMENTWISE_FLOOR;
import static org.deltaboost.strategies.GradientCheck.FLOAT32_TOLERANCE;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.gradientAt;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The gradient check is not vacuous: it rejects plausible wrong deltas, even at float32 tolerance.
 */
class GradientCheckControlTest {

  @Test
  void detectsTheExpDerivativeAppliedToTheBoostedDelta() {
    StrategyConfig config = StrategyConfig.defaults("exp-gb");
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, 3, 16, DataType.FLOAT64);
      double[] actual = gradientOf(config, batch);
      double[] correct = batch.expectedGradient(config);
      double[] wrong = new double[correct.length];
      for (int i = 0; i < wrong.length; i++) {
        // (y − t) · α e^z: the true gradient of ½(y − t)², which exp-GB deliberately avoids.
        wrong[i] = correct[i] * config.alpha() * Math.exp(batch.zValues()[i]);
      }

      assertClose(actual, correct, FLOAT32_TOLERANCE, ELEMENTWISE_FLOOR, "correct delta passes");
      assertThrows(
          AssertionFailedError.class,
          () -> assertClose(actual, wrong, FLOAT32_TOLERANCE, ELEMENTWISE_FLOOR, "wrong delta"));
    }
  }

  @Test
  void detectsASumInsteadOfAMeanOverTheBatch() {
    StrategyConfig config = StrategyConfig.defaults("linear");
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, 4, 2, DataType.FLOAT64);
      double[] actual = gradientOf(config, batch);
      double[] wrong = ReferenceRules.scale(batch.expectedGradient(config), batch.batchSize());

      assertThrows(
          AssertionFailedError.class,
          () -> assertClose(actual, wrong, FLOAT32_TOLERANCE, ELEMENTWISE_FLOOR, "wrong delta"));
    }
  }

  @Test
  void detectsAMissingSigmoidDerivative() {
    StrategyConfig config = StrategyConfig.defaults("sigmoid");
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch = RandomBatch.create(m, 5, 7, DataType.FLOAT64);
      double[] actual = gradientOf(config, batch);
      double[] y = ReferenceRules.output(config, batch.zValues(), batch.numClasses());
      double[] t = batch.targets(config);
      double[] wrong = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        wrong[i] = (y[i] - t[i]) / batch.batchSize();
      }

      assertThrows(
          AssertionFailedError.class,
          () -> assertClose(actual, wrong, FLOAT32_TOLERANCE, ELEMENTWISE_FLOOR, "wrong delta"));
    }
  }

  private static double[] gradientOf(StrategyConfig config, RandomBatch batch) {
    Loss loss = Strategies.create(config).loss();
    return gradientAt(batch.z(), z -> loss.evaluate(new NDList(batch.labels()), new NDList(z)));
  }
}
