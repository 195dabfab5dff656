package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Cubically boosted delta (pow3-GB): {@code y = α · z³ + β}, {@code delta = y − t}; the derivative
 * of the cube is deliberately not applied.
 */
final class Pow3BoostedStrategy extends AbstractOutputStrategy {

  Pow3BoostedStrategy(StrategyConfig config) {
    super(config, "pow3-gb");
  }

  @Override
  public NDArray output(NDArray z) {
    // z·z·z·α + β, in place on the fresh product (its backward needs only z).
    return z.mul(z)
        .muli(z)
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
