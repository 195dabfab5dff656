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
    return z.sign()
        .mul(z.abs().exp().sub(1))
        .mul(TypedScalar.like(z, alpha()))
        .add(TypedScalar.like(z, beta()));
  }

  @Override
  boolean deltaIsError() {
    return true;
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    return output(z).sub(targets);
  }
}
