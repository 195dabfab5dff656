package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

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

  /**
   * Validates the labels and returns the encoded targets, shape {@code (B, K)}.
   *
   * <p>The labels are read into Java once (one copy of {@code B} numbers) and checked there, and
   * float32 / float64 targets are built in Java and handed to the engine as one array: a handful of
   * native calls per batch instead of about twenty (min, max, the fractional-part mask, one-hot and
   * the arithmetic with their scalars). Every target is exactly {@code positive} or {@code
   * negative} in the requested type, as the engine formula {@code onehot·positive + (1 −
   * onehot)·negative} gives them; other floating types still use that formula on the engine ({@link
   * #encodeOnEngine}).
   */
  static NDArray encode(
      NDArray labels, int numClasses, DataType dataType, double negative, double positive) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if (!dataType.isFloating()) {
      throw new IllegalArgumentException(
          "targets need a floating-point data type, got " + dataType);
    }
    int[] classes = classIndices(labels, numClasses);
    Shape shape = new Shape(classes.length, numClasses);
    NDArray targets;
    if (dataType == DataType.FLOAT32) {
      targets = float32(labels.getManager(), classes, numClasses, negative, positive);
    } else if (dataType == DataType.FLOAT64) {
      double[] t = new double[classes.length * numClasses];
      Arrays.fill(t, negative);
      for (int b = 0; b < classes.length; b++) {
        t[b * numClasses + classes[b]] = positive;
      }
      targets = labels.getManager().create(t, shape);
    } else {
      return encodeOnEngine(labels, classes, numClasses, dataType, negative, positive);
    }
    return targets.toDevice(labels.getDevice(), false);
  }

  /**
   * Float32 targets {@code (B, K)} for class indices already in Java (a training loop that holds
   * its labels), on {@code manager}'s device: the same arrays {@link #encode} makes from a label
   * array holding those classes, without creating the label array and reading it back.
   *
   * @throws IllegalArgumentException if there are no classes, {@code numClasses < 1}, or a class is
   *     outside {@code [0, numClasses)}
   */
  static NDArray fromClasses(
      NDManager manager, int[] classes, int numClasses, double negative, double positive) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if (classes.length == 0) {
      throw new IllegalArgumentException("labels are empty: a batch needs at least one example");
    }
    for (int c : classes) {
      if (c < 0 || c >= numClasses) {
        throw outOfRange(c, numClasses);
      }
    }
    return float32(manager, classes, numClasses, negative, positive);
  }

  private static NDArray float32(
      NDManager manager, int[] classes, int numClasses, double negative, double positive) {
    float pos = (float) positive;
    float neg = (float) negative;
    float[] t = new float[classes.length * numClasses];
    Arrays.fill(t, neg);
    for (int b = 0; b < classes.length; b++) {
      t[b * numClasses + classes[b]] = pos;
    }
    return manager.create(t, new Shape(classes.length, numClasses));
  }

  /** The engine formula, for floating types Java has no array of (float16, bfloat16). */
  static NDArray encodeOnEngine(
      NDArray labels,
      int[] classes,
      int numClasses,
      DataType dataType,
      double negative,
      double positive) {
    NDArray indices =
        labels
            .getManager()
            .create(classes)
            .toDevice(labels.getDevice(), false)
            .toType(DataType.INT64, false);
    NDArray isPositive = indices.oneHot(numClasses, dataType);
    // Each term is exact (a target times 0 or 1), so every target equals its parameter exactly.
    return isPositive
        .mul(ScalarScope.scalar(isPositive, positive))
        .add(isPositive.neg().add(1).mul(ScalarScope.scalar(isPositive, negative)));
  }

  /**
   * Checks the labels and returns them as class indices: shape {@code (B)} or {@code (B, 1)},
   * numeric, non-empty; the smallest label must be {@code >= 0} (NaN fails this), then the largest
   * {@code < K}, then every label an integer; the first failing check names the offending value.
   */
  private static int[] classIndices(NDArray labels, int numClasses) {
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
    double[] values = readValues(labels);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      // Math.min/max propagate NaN, as the engine's min/max reductions do.
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (!(min >= 0)) {
      throw outOfRange(min, numClasses);
    }
    if (!(max < numClasses)) {
      throw outOfRange(max, numClasses);
    }
    int[] classes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Math.floor(v) != v) {
        throw new IllegalArgumentException(
            "label " + v + " is not a class index (an integer in [0, " + numClasses + "))");
      }
      classes[i] = (int) v;
    }
    return classes;
  }

  /** The labels as doubles, read with one copy for the usual types. */
  private static double[] readValues(NDArray labels) {
    DataType type = labels.getDataType();
    double[] values;
    if (type == DataType.FLOAT32) {
      float[] f = labels.toFloatArray();
      values = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        values[i] = f[i];
      }
    } else if (type == DataType.FLOAT64) {
      values = labels.toDoubleArray();
    } else if (type == DataType.INT32) {
      values = Arrays.stream(labels.toIntArray()).asDoubleStream().toArray();
    } else if (type == DataType.INT64) {
      values = Arrays.stream(labels.toLongArray()).asDoubleStream().toArray();
    } else {
      try (NDArray wide = labels.toType(DataType.FLOAT64, false)) {
        values = wide.toDoubleArray();
      }
    }
    return values;
  }

  private static IllegalArgumentException outOfRange(double label, int numClasses) {
    String value = label == Math.rint(label) ? Long.toString((long) label) : Double.toString(label);
    return new IllegalArgumentException(
        "label " + value + " is outside [0, " + numClasses + ") for " + numClasses + " classes");
  }
}
