package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Seeded logits uniform in {@code [−range, range]} and class labels, with the values the arrays
 * really hold (after rounding to their data type) for the reference computation.
 */
record RandomBatch(NDArray z, double[] zValues, NDArray labels, int[] labelValues, int numClasses) {

  /** Keeps {@code e^z} and {@code z³} well inside float32 range. */
  static final double LOGIT_RANGE = 3;

  static final int NUM_CLASSES = 10;

  static RandomBatch create(NDManager manager, long seed, int batchSize, DataType dataType) {
    return create(manager, seed, batchSize, NUM_CLASSES, dataType);
  }

  static RandomBatch create(
      NDManager manager, long seed, int batchSize, int numClasses, DataType dataType) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] raw = new double[batchSize * numClasses];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = random.nextDouble(-LOGIT_RANGE, LOGIT_RANGE);
    }
    int[] labels = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      labels[b] = random.nextInt(numClasses);
    }
    NDArray z = manager.create(raw, new Shape(batchSize, numClasses)).toType(dataType, false);
    NDArray labelArray = manager.create(labels).toType(DataType.INT64, false);
    return new RandomBatch(z, GradientCheck.values(z), labelArray, labels, numClasses);
  }

  int batchSize() {
    return labelValues.length;
  }

  DataType dataType() {
    return z.getDataType();
  }

  double[] targets(StrategyConfig config) {
    return ReferenceRules.targets(labelValues, numClasses, config);
  }

  /** The expected gradient of the loss at {@code z}: {@code delta / B}. */
  double[] expectedGradient(StrategyConfig config) {
    double[] delta = ReferenceRules.delta(config, zValues, targets(config), numClasses);
    return ReferenceRules.scale(delta, 1.0 / batchSize());
  }
}
