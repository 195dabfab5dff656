package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A 0-dim constant in the data type and on the device of another array. A Java {@code double}
 * becomes a float64 0-dim array in DJL, and PyTorch promotes float32 to float64 when every operand
 * is 0-dim, so scalar parameters go through here.
 */
final class TypedScalar {

  private TypedScalar() {}

  static NDArray like(NDArray array, double value) {
    DataType type = array.getDataType();
    NDArray scalar;
    if (type == DataType.FLOAT32) {
      // Java's (float) rounds to nearest like the engine's float64 → float32 cast: one native call
      // fewer, the same value.
      scalar = array.getManager().create((float) value);
    } else if (type == DataType.FLOAT64) {
      scalar = array.getManager().create(value);
    } else {
      scalar = array.getManager().create(value).toType(type, false);
    }
    return scalar.toDevice(array.getDevice(), false);
  }
}
