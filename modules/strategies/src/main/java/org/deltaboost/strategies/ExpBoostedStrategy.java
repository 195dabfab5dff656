package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Exponentially boosted delta (exp-GB): {@code y = α · e^z + β}, {@code delta = y − t}; the
 * derivative of the exponential is deliberately not applied.
 */
final class ExpBoostedStrategy extends AbstractOutputStrategy {

  ExpBoostedStrategy(StrategyConfig config) {
    super(config, "exp-gb");
  }

  @Override
  public NDArray output(NDArray z) {
    return z.exp().mul(TypedScalar.like(z, alpha())).add(TypedScalar.like(z, beta()));
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
