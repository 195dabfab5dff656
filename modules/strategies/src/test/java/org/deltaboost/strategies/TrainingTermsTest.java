package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StrategyLoss#trainingTerms}: the value and the gradient at the logits of a training step
 * are bit for bit those of {@link StrategyLoss#evaluateOnTargets}, with and without a {@link
 * ScalarScope}; and the in-place arithmetic the strategies use on arrays without a gradient leaves
 * their outputs and deltas differentiable where a gradient does flow.
 */
class TrainingTermsTest {

  /** The gradient at a copy of {@code z} when back-propagating from {@code root(z)}. */
  private static double[] gradient(NDArray z, Function<NDArray, NDArray> root) {
    NDArray leaf = z.duplicate();
    leaf.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(root.apply(leaf));
    }
    return GradientCheck.values(leaf.getGradient());
  }

  private static void assertSameTerms(
      StrategyConfig config, DataType dataType, int batchSize, NDManager m) {
    RandomBatch batch =
        RandomBatch.create(m, DeltaLossTest.seed(config, dataType, batchSize), batchSize, dataType);
    OutputStrategy strategy = Strategies.create(config);
    StrategyLoss loss = strategy.loss();
    NDArray targets = strategy.encodeTargets(batch.labels(), batch.numClasses(), dataType);
    double[] viaLoss = gradient(batch.z(), z -> loss.evaluateOnTargets(z, targets));
    double[] viaTerms = gradient(batch.z(), z -> loss.trainingTerms(z, targets).backwardRoot());
    assertArrayEquals(viaLoss, viaTerms, 0.0, config + " gradient");
    double value = GradientCheck.values(loss.evaluateOnTargets(batch.z(), targets))[0];
    StrategyLoss.Terms terms = loss.trainingTerms(batch.z(), targets);
    assertEquals(new Shape(), terms.value().getShape());
    assertEquals(
        Double.doubleToLongBits(value),
        Double.doubleToLongBits(GradientCheck.values(terms.value())[0]),
        config + " value");
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("org.deltaboost.strategies.DeltaLossTest#cases")
  void theSameValueAndGradientAsTheLoss(StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      assertSameTerms(config, dataType, batchSize, m);
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("org.deltaboost.strategies.DeltaLossTest#cases")
  void theSameInsideAScalarScope(StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager();
        ScalarScope scope = ScalarScope.open(m)) {
      assertSameTerms(config, dataType, batchSize, m);
      assertTrue(scope.size() >= 1, "the batch size at least is a kept constant");
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("org.deltaboost.strategies.DeltaLossTest#cases")
  void outputsAndDeltasStayDifferentiable(StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      RandomBatch batch =
          RandomBatch.create(
              m, DeltaLossTest.seed(config, dataType, batchSize), batchSize, dataType);
      OutputStrategy strategy = Strategies.create(config);
      NDArray targets = strategy.encodeTargets(batch.labels(), batch.numClasses(), dataType);
      // Computed on a z with a gradient (out of place) and on a constant z (in place): the same
      // numbers.
      double[] constantOutput = GradientCheck.values(strategy.output(batch.z()));
      double[] constantDelta = GradientCheck.values(strategy.delta(batch.z(), targets));
      NDArray leaf = batch.z().duplicate();
      leaf.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray output = strategy.output(leaf);
        NDArray delta = strategy.delta(leaf, targets);
        assertArrayEquals(constantOutput, GradientCheck.values(output), 0.0, config + " output");
        assertArrayEquals(constantDelta, GradientCheck.values(delta), 0.0, config + " delta");
        collector.backward(output.sum().add(delta.sum()));
      }
      for (double g : GradientCheck.values(leaf.getGradient())) {
        assertTrue(!Double.isNaN(g), config + " gradient through output and delta");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} B={2}")
  @MethodSource("org.deltaboost.strategies.DeltaLossTest#cases")
  void mismatchedTargetsAreRefusedAsByTheLoss(
      StrategyConfig config, DataType dataType, int batchSize) {
    try (NDManager m = NDManager.newBaseManager()) {
      StrategyLoss loss = Strategies.create(config).loss();
      NDArray z = m.zeros(new Shape(batchSize, 3), dataType);
      assertThrows(
          IllegalArgumentException.class,
          () -> loss.trainingTerms(z, m.zeros(new Shape(batchSize, 4), dataType)));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              loss.trainingTerms(m.zeros(new Shape(3), dataType), m.zeros(new Shape(3), dataType)));
    }
  }
}
