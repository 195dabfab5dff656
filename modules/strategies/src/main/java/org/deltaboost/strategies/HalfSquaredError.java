package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/** {@code ½ · Σ over all elements (y − t)² / B}, where {@code B} is the size of the first axis. */
final class HalfSquaredError {

  private HalfSquaredError() {}

  static NDArray batchMean(NDArray y, NDArray targets) {
    ShapeChecks.requireSame(y, targets);
    NDArray halfSquares = y.sub(targets).square().div(2);
    return halfSquares.reshape(ShapeChecks.batchSize(y), -1).sum(new int[] {1}).mean();
  }
}
