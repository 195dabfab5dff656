package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * Squentropy (Hui, Belkin &amp; Wright, "Cut your Losses with Squentropy", ICML 2023, whose
 * abstract defines it): the cross-entropy plus the mean over the {@code C − 1} incorrect classes of
 * the squared logit, {@code L = −Σ_j t_j · log softmax(z)_j + (1 / (C − 1)) · Σ_{j ≠ c} z_j²} per
 * example, {@code c} the labelled class. {@code y = softmax(z)}; {@code delta = y − t + (2 / (C −
 * 1)) · z ⊙ (1 − e_c)}, the exact gradient of {@code L} when each target row sums to 1 (the default
 * targets 0, 1). Readable loss: {@code L} averaged over the batch. No parameter: the paper's point
 * is that it trains with cross-entropy's settings.
 *
 * <p>The labelled class of a target row is where it holds the positive target ({@link
 * #trueClassMask}). It needs {@code C ≥ 2}. Its delta depends on the label beyond {@code y − t}, so
 * it has no straight-through output block.
 */
final class SquentropyStrategy extends AbstractOutputStrategy {

  SquentropyStrategy(StrategyConfig config) {
    super(config, "squentropy");
  }

  @Override
  public NDArray output(NDArray z) {
    return SoftmaxCrossEntropy.output(z);
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    NDArray incorrect = incorrectClasses(targets);
    NDArray square = z.mul(incorrect).muli(ScalarScope.scalar(z, 2.0 / (numClasses(z) - 1)));
    return SoftmaxCrossEntropy.error(z, targets).addi(square);
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray targets) {
    NDArray crossEntropy = SoftmaxCrossEntropy.batchMean(z, targets);
    NDArray squares = ShapeChecks.perExample(z.square().muli(incorrectClasses(targets)));
    NDArray meanSquare =
        squares.sum(new int[] {1}).mean().divi(ScalarScope.scalar(z, numClasses(z) - 1));
    return crossEntropy.add(meanSquare);
  }

  @Override
  public Block outputBlock() {
    throw new UnsupportedOperationException(
        "squentropy has no output-block form: its delta is not y − t of an output y(z); use"
            + " loss()");
  }

  /** 1 at every class but the labelled one. */
  private NDArray incorrectClasses(NDArray targets) {
    return trueClassMask(targets).neg().addi(ScalarScope.scalar(targets, 1));
  }

  private static long numClasses(NDArray z) {
    long classes = z.getShape().get(z.getShape().dimension() - 1);
    if (classes < 2) {
      throw new IllegalArgumentException(
          "squentropy needs at least 2 classes, got logits of shape " + z.getShape());
    }
    return classes;
  }
}
