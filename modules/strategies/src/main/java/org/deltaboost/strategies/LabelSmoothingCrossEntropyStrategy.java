package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Label-smoothed cross-entropy (Szegedy et al. 2016; studied by Müller, Kornblith &amp; Hinton,
 * "When Does Label Smoothing Help?", NeurIPS 2019, who use {@code ε = 0.1}): softmax-ce against the
 * smoothed targets {@code t̃ = (1 − ε) · t + ε / C}, {@code C} the number of classes. {@code y =
 * softmax(z)}, {@code delta = y − t̃}, the exact gradient of the readable loss {@code −Σ t̃ · log
 * softmax(z) / B} when each row of {@code t} sums to 1 (the default targets 0, 1; then so does each
 * row of {@code t̃}).
 *
 * <p>The smoothing is part of the target encoding ({@link #encodeTargets}): the negative target
 * becomes {@code (1 − ε) · negativeTarget + ε / C} and the positive one {@code (1 − ε) ·
 * positiveTarget + ε / C}, so the delta, the readable loss and the straight-through output block
 * are softmax-ce's on those targets.
 */
final class LabelSmoothingCrossEntropyStrategy extends AbstractOutputStrategy {

  LabelSmoothingCrossEntropyStrategy(StrategyConfig config) {
    super(config, "label-smoothing-ce");
  }

  @Override
  double encodedNegative(int numClasses) {
    return smoothed(config().negativeTarget(), numClasses);
  }

  @Override
  double encodedPositive(int numClasses) {
    return smoothed(config().positiveTarget(), numClasses);
  }

  private double smoothed(double target, int numClasses) {
    double epsilon = config().smoothing();
    return (1 - epsilon) * target + epsilon / numClasses;
  }

  @Override
  public NDArray output(NDArray z) {
    return SoftmaxCrossEntropy.output(z);
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray smoothedTargets) {
    return SoftmaxCrossEntropy.error(z, smoothedTargets);
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray smoothedTargets) {
    return SoftmaxCrossEntropy.batchMean(z, smoothedTargets);
  }
}
