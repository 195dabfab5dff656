package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * A 0-dim constant in the data type and on the device of another array. A Java {@code double}
 * becomes a float64 0-dim array in DJL, and PyTorch promotes float32 to float64 when every operand
 * is 0-dim, so scalar parameters go through here.
 */
final class TypedScalar {

  private TypedScalar() {}

  static NDArray like(NDArray array, double value) {
    return array
        .getManager()
        .create(value)
        .toType(array.getDataType(), false)
        .toDevice(array.getDevice(), false);
  }
}
