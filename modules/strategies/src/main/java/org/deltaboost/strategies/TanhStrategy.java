package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * Tanh output, true squared-error gradient (saturates): {@code y = tanh(z)}, {@code delta = (y − t)
 * · (1 − y²)}.
 */
final class TanhStrategy extends AbstractOutputStrategy {

  TanhStrategy(StrategyConfig config) {
    super(config, "tanh");
  }

  @Override
  public NDArray output(NDArray z) {
    return z.tanh();
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    NDArray y = output(z);
    return y.sub(targets).mul(y.square().neg().add(1));
  }

  @Override
  public Block outputBlock() {
    return StrategyOutputBlock.activation(this);
  }
}
