package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * The baseline: {@code y = softmax(z)}, {@code delta = y − t}, the exact cross-entropy gradient
 * when each target row sums to 1 (the default targets 0, 1). Readable loss {@code −Σ t · log
 * softmax(z) / B}.
 */
final class SoftmaxCrossEntropyStrategy extends AbstractOutputStrategy {

  SoftmaxCrossEntropyStrategy(StrategyConfig config) {
    super(config, "softmax-ce");
  }

  @Override
  public NDArray output(NDArray z) {
    return SoftmaxCrossEntropy.output(z);
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    return SoftmaxCrossEntropy.error(z, targets);
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray targets) {
    return SoftmaxCrossEntropy.batchMean(z, targets);
  }
}
