package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;

/**
 * Sigmoid output, true squared-error gradient (saturates): {@code y = σ(z)}, {@code delta = (y − t)
 * · σ(z) · (1 − σ(z))}.
 */
final class SigmoidStrategy extends AbstractOutputStrategy {

  SigmoidStrategy(StrategyConfig config) {
    super(config, "sigmoid");
  }

  @Override
  public NDArray output(NDArray z) {
    return Activation.sigmoid(z);
  }

  @Override
  NDArray checkedDelta(NDArray z, NDArray targets) {
    NDArray y = output(z);
    return y.sub(targets).mul(y).mul(y.neg().add(1));
  }

  @Override
  public Block outputBlock() {
    return StrategyOutputBlock.activation(this);
  }
}
