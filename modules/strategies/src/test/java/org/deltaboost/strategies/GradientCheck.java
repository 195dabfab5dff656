package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Autograd gradients and the comparison every gradient test uses. */
final class GradientCheck {

  /** Float64 tolerance: far below the 1e-6 the design asks for; float64 rounding is ~1e-15. */
  static final double FLOAT64_TOLERANCE = 1e-9;

  static final double FLOAT32_TOLERANCE = 1e-4;

  /** Elementwise floor, as a fraction of the largest expected magnitude. */
  static final double ELEMENTWISE_FLOOR = 1e-3;

  /** A floor of the full largest magnitude: max-norm relative error, for summed quantities. */
  static final double MAX_NORM_FLOOR = 1;

  private GradientCheck() {}

  static double tolerance(DataType dataType) {
    return dataType == DataType.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
  }

  /** The gradient of {@code loss} at a fresh leaf copy of {@code at} (gradients accumulate). */
  static double[] gradientAt(NDArray at, Function<NDArray, NDArray> loss) {
    NDArray leaf = at.duplicate();
    leaf.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.apply(leaf));
    }
    return values(leaf.getGradient());
  }

  static double[] values(NDArray array) {
    return array.toType(DataType.FLOAT64, true).toDoubleArray();
  }

  /**
   * Largest {@code |actual − expected| / (|expected| + floor · max|expected|)}; a non-finite actual
   * value counts as an infinite error.
   */
  static double relativeError(double[] actual, double[] expected, double floor) {
    assertEquals(expected.length, actual.length, "number of elements");
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double denominator = Math.abs(expected[i]) + floor * scale + Double.MIN_NORMAL;
      double error = Math.abs(actual[i] - expected[i]) / denominator;
      worst = Math.max(worst, Double.isFinite(actual[i]) ? error : Double.POSITIVE_INFINITY);
    }
    return worst;
  }

  static void assertClose(
      double[] actual, double[] expected, double tolerance, double floor, String what) {
    assertNotNull(actual, what);
    double error = relativeError(actual, expected, floor);
    if (!(error <= tolerance)) {
      fail(what + ": relative error " + error + " exceeds " + tolerance);
    }
  }

  static void assertClose(double actual, double expected, double tolerance, String what) {
    assertTrue(
        Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(expected), Double.MIN_NORMAL),
        what + ": " + actual + " vs expected " + expected);
  }
}
