package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Output block of a strategy, without parameters. Straight-through (boosted, linear, softmax
 * rules): forward {@code y(z)}, backward passes the incoming gradient to {@code z} unchanged,
 * computed as {@code stopGradient(y(z)) + (z − stopGradient(z))}, the paper's {@code z +
 * stopGradient(y(z) − z)} rearranged so the forward value is {@code y(z)} exactly. Activation
 * (sigmoid, tanh): {@code y(z)} with its true gradient.
 */
public final class StrategyOutputBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final OutputStrategy strategy;
  private final boolean straightThrough;

  private StrategyOutputBlock(OutputStrategy strategy, boolean straightThrough) {
    super(VERSION);
    this.strategy = strategy;
    this.straightThrough = straightThrough;
  }

  static StrategyOutputBlock straightThrough(OutputStrategy strategy) {
    return new StrategyOutputBlock(strategy, true);
  }

  static StrategyOutputBlock activation(OutputStrategy strategy) {
    return new StrategyOutputBlock(strategy, false);
  }

  /**
   * Returns the strategy whose output this block computes.
   *
   * @return the strategy
   */
  public OutputStrategy strategy() {
    return strategy;
  }

  /**
   * Tells whether the backward pass ignores the derivative of {@code y(z)}.
   *
   * @return true for a straight-through block, false for a true activation
   */
  public boolean isStraightThrough() {
    return straightThrough;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray z = inputs.singletonOrThrow();
    if (!straightThrough) {
      return new NDList(strategy.output(z));
    }
    NDArray constantZ = z.stopGradient();
    return new NDList(strategy.output(constantZ).add(z.sub(constantZ)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "StrategyOutputBlock("
        + strategy.id()
        + (straightThrough ? ", straight-through)" : ", activation)");
  }
}
