package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Softmax cross-entropy over the last axis, for the rules built on it (softmax-ce, squentropy,
 * label-smoothing-ce): {@code y = softmax(z)}, loss {@code −Σ t · log softmax(z) / B}, whose
 * gradient at {@code z} is {@code (y − t) / B} when each target row sums to 1.
 */
final class SoftmaxCrossEntropy {

  static final int CLASS_AXIS = -1;

  private SoftmaxCrossEntropy() {}

  static NDArray output(NDArray z) {
    return z.softmax(CLASS_AXIS);
  }

  /** {@code softmax(z) − t}, for targets already checked to have the shape of {@code z}. */
  static NDArray error(NDArray z, NDArray targets) {
    // In place where no gradient flows through z (softmax's backward needs its result unchanged).
    return z.hasGradient() ? output(z).sub(targets) : output(z).subi(targets);
  }

  /** {@code −Σ t · log softmax(z)} averaged over the batch. */
  static NDArray batchMean(NDArray z, NDArray targets) {
    ShapeChecks.requireSame(z, targets);
    NDArray logLikelihood = z.logSoftmax(CLASS_AXIS).mul(targets);
    return ShapeChecks.perExample(logLikelihood).sum(new int[] {1}).mean().neg();
  }
}
