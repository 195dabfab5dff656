package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Sum-of-squares loss after a {@link StrategyOutputBlock}: {@code ½ · Σ over all elements (y − t)²
 * / B}, with the targets encoded from class indices by the strategy. Unlike DJL's {@code L2Loss} it
 * sums over classes, so its gradient at {@code y} is {@code (y − t) / B}.
 */
public final class SumOfSquaresLoss extends StrategyLoss {

  /**
   * Creates the loss under the name {@code SumOfSquaresLoss}.
   *
   * @param strategy the strategy whose targets encode the labels
   */
  public SumOfSquaresLoss(OutputStrategy strategy) {
    this("SumOfSquaresLoss", strategy);
  }

  /**
   * Creates the loss.
   *
   * @param name the display name of the loss
   * @param strategy the strategy whose targets encode the labels
   */
  public SumOfSquaresLoss(String name, OutputStrategy strategy) {
    super(name, strategy);
  }

  @Override
  NDArray evaluate(NDArray y, NDArray targets) {
    return HalfSquaredError.batchMean(y, targets);
  }
}
