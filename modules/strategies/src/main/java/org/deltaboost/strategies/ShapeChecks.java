package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/** Shape checks shared by the rules: broadcasting would silently give a wrong delta. */
final class ShapeChecks {

  private ShapeChecks() {}

  static void requireSame(NDArray z, NDArray targets) {
    if (!z.getShape().equals(targets.getShape())) {
      throw new IllegalArgumentException(
          "targets of shape "
              + targets.getShape()
              + " do not match outputs of shape "
              + z.getShape());
    }
  }

  /**
   * {@code values} as {@code (B, rest)}: itself when already two-dimensional (a reshape would be
   * one more engine call for the same array), else reshaped.
   */
  static NDArray perExample(NDArray values) {
    return values.getShape().dimension() == 2 ? values : values.reshape(batchSize(values), -1);
  }

  /** The size of the first (batch) axis. */
  static long batchSize(NDArray z) {
    if (z.getShape().dimension() == 0 || z.getShape().get(0) == 0) {
      throw new IllegalArgumentException("need a non-empty batch axis, got shape " + z.getShape());
    }
    return z.getShape().get(0);
  }
}
