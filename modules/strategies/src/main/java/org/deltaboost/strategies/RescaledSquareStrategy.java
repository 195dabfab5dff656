package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * Rescaled square loss (Hui &amp; Belkin, "Evaluation of Neural Architectures Trained with Square
 * Loss vs Cross-Entropy in Classification Tasks", ICLR 2021): linear output {@code y = z} and loss
 * {@code ½ · Σ_j w_j (z_j − t_j)²} per example, where {@code w_j = k} at the labelled class and 1
 * elsewhere, and the targets are {@code M} at the labelled class (the positive target) and 0
 * elsewhere (the negative target). {@code delta = w ⊙ (z − t)}, its exact gradient. Readable loss:
 * that loss averaged over the batch.
 *
 * <p>The paper's loss is {@code (1 / C) · [k (z_c − M)² + Σ_{j ≠ c} z_j²]}, an average over the
 * {@code C} classes: ours is that times {@code C / 2}, a constant the learning rate absorbs, left
 * out so that at {@code k = M = 1} the delta is the linear rule's {@code z − t}. {@code k} is
 * {@link StrategyConfig#trueClassWeight}, {@code M} is {@link StrategyConfig#positiveTarget}; their
 * defaults follow the class count as the paper's do ({@link SquareLossRescaling}). Its delta
 * depends on the label beyond {@code y − t} when {@code k ≠ 1}, so it has no straight-through
 * output block.
 */
final class RescaledSquareStrategy extends AbstractOutputStrategy {

  RescaledSquareStrategy(StrategyConfig config) {
    super(config, "rescaled-square");
  }

  @Override
  public NDArray output(NDArray z) {
    return z.duplicate();
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    return z.sub(targets).muli(weights(targets));
  }

  @Override
  public NDArray readableLoss(NDArray z, NDArray targets) {
    ShapeChecks.requireSame(z, targets);
    NDArray error = z.sub(targets);
    NDArray weighted = error.square().muli(weights(targets)).divi(ScalarScope.scalar(z, 2));
    return ShapeChecks.perExample(weighted).sum(new int[] {1}).mean();
  }

  @Override
  public Block outputBlock() {
    throw new UnsupportedOperationException(
        "rescaled-square has no output-block form: its delta weights the labelled class by k; use"
            + " loss()");
  }

  /** {@code w}: {@code k} at the labelled class, 1 elsewhere. */
  private NDArray weights(NDArray targets) {
    NDArray extra = ScalarScope.scalar(targets, config().trueClassWeight() - 1);
    return trueClassMask(targets).muli(extra).addi(ScalarScope.scalar(targets, 1));
  }
}
