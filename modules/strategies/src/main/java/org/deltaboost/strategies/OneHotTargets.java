package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Class indices to targets: {@code t[b][k] = positive} if {@code k = label[b]}, else {@code
 * negative}. Labels are validated first: shape {@code (B)} or {@code (B, 1)}, integral values in
 * {@code [0, K)}.
 */
final class OneHotTargets {

  private OneHotTargets() {}

  /**
   * Encodes labels for predictions of shape {@code (B, K)}, in the predictions' data type and on
   * their device.
   *
   * @throws IllegalArgumentException if the predictions are not {@code (B, K)} or the labels do not
   *     match them
   */
  static NDArray forPredictions(OutputStrategy strategy, NDArray labels, NDArray predictions) {
    Shape shape = predictions.getShape();
    if (shape.dimension() != 2) {
      throw new IllegalArgumentException(
          "predictions must have shape (batch, classes), got " + shape);
    }
    long batch = shape.get(0);
    long labelBatch = labels.getShape().dimension() == 0 ? -1 : labels.getShape().get(0);
    if (labelBatch != batch) {
      throw new IllegalArgumentException(
          "labels of shape "
              + labels.getShape()
              + " do not match predictions of shape "
              + shape
              + ": expected "
              + batch
              + " labels");
    }
    if (shape.get(1) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many classes: " + shape.get(1));
    }
    return strategy
        .encodeTargets(labels, (int) shape.get(1), predictions.getDataType())
        .toDevice(predictions.getDevice(), false);
  }

  /** Validates the labels and returns the encoded targets, shape {@code (B, K)}. */
  static NDArray encode(
      NDArray labels, int numClasses, DataType dataType, double negative, double positive) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if (!dataType.isFloating()) {
      throw new IllegalArgumentException(
          "targets need a floating-point data type, got " + dataType);
    }
    NDArray indices = classIndices(labels, numClasses);
    NDArray isPositive = indices.oneHot(numClasses, dataType);
    // Each term is exact (a target times 0 or 1), so every target equals its parameter exactly.
    return isPositive
        .mul(TypedScalar.like(isPositive, positive))
        .add(isPositive.neg().add(1).mul(TypedScalar.like(isPositive, negative)));
  }

  private static NDArray classIndices(NDArray labels, int numClasses) {
    Shape shape = labels.getShape();
    boolean column = shape.dimension() == 2 && shape.get(1) == 1;
    if (shape.dimension() != 1 && !column) {
      throw new IllegalArgumentException("labels must have shape (B) or (B, 1), got " + shape);
    }
    DataType type = labels.getDataType();
    if (!type.isFloating() && !type.isInteger()) {
      throw new IllegalArgumentException("labels must be numeric class indices, got " + type);
    }
    long batch = shape.get(0);
    if (batch == 0) {
      throw new IllegalArgumentException("labels are empty: a batch needs at least one example");
    }
    NDArray flat = labels.reshape(batch);
    double min = flat.min().toType(DataType.FLOAT64, false).getDouble();
    double max = flat.max().toType(DataType.FLOAT64, false).getDouble();
    if (!(min >= 0)) {
      throw outOfRange(min, numClasses);
    }
    if (!(max < numClasses)) {
      throw outOfRange(max, numClasses);
    }
    if (type.isFloating()) {
      NDArray fractional = flat.booleanMask(flat.floor().neq(flat));
      if (fractional.size() > 0) {
        throw new IllegalArgumentException(
            "label "
                + fractional.toType(DataType.FLOAT64, false).getDouble(0)
                + " is not a class index (an integer in [0, "
                + numClasses
                + "))");
      }
    }
    return flat.toType(DataType.INT64, false);
  }

  private static IllegalArgumentException outOfRange(double label, int numClasses) {
    String value = label == Math.rint(label) ? Long.toString((long) label) : Double.toString(label);
    return new IllegalArgumentException(
        "label " + value + " is outside [0, " + numClasses + ") for " + numClasses + " classes");
  }
}
