package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/** Linear output, squared error: {@code y = z}, {@code delta = z − t}. */
final class LinearStrategy extends AbstractOutputStrategy {

  LinearStrategy(StrategyConfig config) {
    super(config, "linear");
  }

  @Override
  public NDArray output(NDArray z) {
    return z.duplicate();
  }

  @Override
  boolean deltaIsError() {
    return true;
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    return z.sub(targets);
  }
}
