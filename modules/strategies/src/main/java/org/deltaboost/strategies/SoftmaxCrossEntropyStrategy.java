package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * The baseline: {@code y = softmax(z)}, {@code delta = y − t}, the exact cross-entropy gradient
 * when each target row sums to 1 (the default targets 0, 1). Readable loss {@code −Σ t · log
 * softmax(z) / B}.
 */
final class SoftmaxCrossEntropyStrategy extends AbstractOutputStrategy {

  private static final int CLASS_AXIS = -1;

  SoftmaxCrossEntropyStrategy(StrategyConfig config) {
    super(config, "softmax-ce");
  }

  @Override
  public NDArray output(NDArray z) {
    return z.softmax(CLASS_AXIS);
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    // In place where no gradient flows through z (softmax's backward needs its result unchanged).
    return z.hasGradient() ? output(z).sub(targets) : output(z).subi(targets);
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray targets) {
    ShapeChecks.requireSame(z, targets);
    NDArray logLikelihood = z.logSoftmax(CLASS_AXIS).mul(targets);
    return ShapeChecks.perExample(logLikelihood).sum(new int[] {1}).mean().neg();
  }
}
