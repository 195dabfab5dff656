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
    NDArray alpha = ScalarScope.scalar(z, alpha());
    NDArray beta = ScalarScope.scalar(z, beta());
    NDArray e = z.exp();
    // In place where no gradient flows through z (exp's backward needs its result unchanged).
    return z.hasGradient() ? e.mul(alpha).add(beta) : e.muli(alpha).addi(beta);
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
