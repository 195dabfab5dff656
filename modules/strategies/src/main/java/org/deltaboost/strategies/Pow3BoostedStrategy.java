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
    return z.mul(z).mul(z).mul(TypedScalar.like(z, alpha())).add(TypedScalar.like(z, beta()));
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
