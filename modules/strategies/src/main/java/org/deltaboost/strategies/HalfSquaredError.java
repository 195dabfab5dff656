package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/** {@code ½ · Σ over all elements (y − t)² / B}, where {@code B} is the size of the first axis. */
final class HalfSquaredError {

  private HalfSquaredError() {}

  static NDArray batchMean(NDArray y, NDArray targets) {
    ShapeChecks.requireSame(y, targets);
    return ofError(y.sub(targets));
  }

  /** The same for the error {@code y − t} already computed (a delta that is the error itself). */
  static NDArray ofError(NDArray error) {
    return ShapeChecks.perExample(error.square().divi(ScalarScope.scalar(error, 2)))
        .sum(new int[] {1})
        .mean();
  }
}
