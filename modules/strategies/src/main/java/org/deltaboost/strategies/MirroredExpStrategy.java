package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Mirrored exponential delta (the paper's poor ablation): {@code y = α · sign(z) · (e^|z| − 1) +
 * β}, {@code delta = y − t}.
 */
final class MirroredExpStrategy extends AbstractOutputStrategy {

  MirroredExpStrategy(StrategyConfig config) {
    super(config, "mirrored-exp");
  }

  @Override
  public NDArray output(NDArray z) {
    NDArray grown = z.abs().exp();
    // In place where no gradient flows through z (exp's backward needs its result unchanged).
    grown =
        z.hasGradient()
            ? grown.sub(ScalarScope.scalar(z, 1))
            : grown.subi(ScalarScope.scalar(z, 1));
    return z.sign()
        .muli(grown)
        .muli(ScalarScope.scalar(z, alpha()))
        .addi(ScalarScope.scalar(z, beta()));
  }

  @Override
  boolean deltaIsError() {
    return true;
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    return output(z).subi(targets);
  }
}
