package org.deltaboost.strategies;

import static org.deltaboost.strategies.GradientCheck.ELEMENTWISE_FLOOR;
import static org.deltaboost.strategies.GradientCheck.assertClose;
import static org.deltaboost.strategies.GradientCheck.gradientAt;
import static org.deltaboost.strategies.GradientCheck.tolerance;
import static org.deltaboost.strategies.GradientCheck.values;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that are the gradient of a loss (rescaled-square, squentropy, label-smoothing-ce):
 * autograd of the loss, written here from its paper's formula with engine operations, equals the
 * closed-form {@code delta / B}, and its value equals the readable loss; float32 and float64, batch
 * sizes 1, 7 and 128, 3 and 10 classes.
 */
class LossGradientTest {

  static List<Arguments> cases() {
    List<StrategyConfig> configs =
        List.of(
            StrategyConfig.defaults("rescaled-square"),
            StrategyConfig.defaults("rescaled-square", 1000).withTargets(-0.5, 4),
            StrategyConfig.defaults("rescaled-square").withTrueClassWeight(0.25),
            StrategyConfig.defaults("squentropy"),
            StrategyConfig.defaults("label-smoothing-ce"),
            StrategyConfig.defaults("label-smoothing-ce").withSmoothing(0.6));
    List<Arguments> cases = new ArrayList<>();
    for (StrategyConfig config : configs) {
      for (DataType dataType : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
        for (int batchSize : new int[] {1, 7, 128}) {
          for (int numClasses : new int[] {3, 10}) {
            cases.add(Arguments.of(config, dataType, batchSize, numClasses));
          }
        }
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} B={2} K={3}")
  @MethodSource("cases")
  void closedFormDeltaIsTheGradientOfTheLoss(
      StrategyConfig config, DataType dataType, int batchSize, int numClasses) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(
              m,
              Objects.hash(config, dataType, batchSize, numClasses),
              batchSize,
              numClasses,
              dataType);
      OutputStrategy strategy = Strategies.create(config);
      NDArray targets = strategy.encodeTargets(batch.labels(), numClasses, dataType);
      Function<NDArray, NDArray> loss = paperLoss(config, batch);

      double[] autograd = gradientAt(batch.z(), loss);
      double[] closedForm =
          ReferenceRules.scale(values(strategy.delta(batch.z(), targets)), 1.0 / batchSize);

      assertClose(
          closedForm, autograd, tolerance(dataType), ELEMENTWISE_FLOOR, config + " delta / B");
      assertClose(
          values(strategy.readableLoss(batch.z(), targets))[0],
          values(loss.apply(batch.z()))[0],
          tolerance(dataType),
          config + " readable loss");
    }
  }

  /** The loss averaged over the batch, as a function of the logits, from the rule's paper. */
  private static Function<NDArray, NDArray> paperLoss(StrategyConfig config, RandomBatch batch) {
    int k = batch.numClasses();
    double[] oneHot = new double[batch.batchSize() * k];
    for (int b = 0; b < batch.batchSize(); b++) {
      oneHot[b * k + batch.labelValues()[b]] = 1;
    }
    NDManager m = batch.z().getManager();
    DataType type = batch.dataType();
    Shape shape = batch.z().getShape();
    NDArray e = m.create(oneHot, shape).toType(type, false);
    NDArray notE = m.create(complement(oneHot), shape).toType(type, false);
    double n = batch.batchSize();
    return switch (config.id()) {
      case "rescaled-square" -> {
        // ½ Σ_j w_j (z_j − t_j)², w = k on the labelled class, t = M there and t⁻ elsewhere.
        NDArray t =
            constant(m, oneHot, shape, type, config.negativeTarget(), config.positiveTarget());
        NDArray w = constant(m, oneHot, shape, type, 1, config.trueClassWeight());
        NDArray half = m.create(0.5 / n).toType(type, false);
        yield z -> z.sub(t).square().mul(w).sum().mul(half);
      }
      case "squentropy" -> {
        // CE + (1 / (C − 1)) Σ_{j ≠ c} z_j², per example.
        NDArray perIncorrect = m.create(1.0 / (k - 1) / n).toType(type, false);
        NDArray perExample = m.create(1.0 / n).toType(type, false);
        yield z ->
            z.logSoftmax(1)
                .mul(e)
                .sum()
                .neg()
                .mul(perExample)
                .add(z.square().mul(notE).sum().mul(perIncorrect));
      }
      case "label-smoothing-ce" -> {
        // CE against (1 − ε) e + ε / C.
        double epsilon = config.smoothing();
        NDArray smoothed = constant(m, oneHot, shape, type, epsilon / k, 1 - epsilon + epsilon / k);
        NDArray perExample = m.create(1.0 / n).toType(type, false);
        yield z -> z.logSoftmax(1).mul(smoothed).sum().neg().mul(perExample);
      }
      default -> throw new IllegalArgumentException(config.id());
    };
  }

  private static double[] complement(double[] oneHot) {
    double[] c = new double[oneHot.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = 1 - oneHot[i];
    }
    return c;
  }

  private static NDArray constant(
      NDManager m, double[] oneHot, Shape shape, DataType type, double off, double on) {
    double[] values = new double[oneHot.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = oneHot[i] == 1 ? on : off;
    }
    return m.create(values, shape).toType(type, false);
  }
}
