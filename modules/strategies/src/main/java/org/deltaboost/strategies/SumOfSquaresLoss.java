package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/**
 * Sum-of-squares loss after a {@link StrategyOutputBlock}: {@code ½ · Σ over all elements (y − t)²
 * / B}, with the targets encoded from class indices by the strategy. Unlike DJL's {@code L2Loss} it
 * sums over classes, so its gradient at {@code y} is {@code (y − t) / B}.
 */
public final class SumOfSquaresLoss extends Loss {

  private final OutputStrategy strategy;

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
    super(name);
    this.strategy = Objects.requireNonNull(strategy, "strategy");
  }

  /**
   * Returns the strategy whose targets encode the labels.
   *
   * @return the strategy
   */
  public OutputStrategy strategy() {
    return strategy;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, K)} or the shapes disagree
   */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray y = predictions.singletonOrThrow();
    NDArray targets = OneHotTargets.forPredictions(strategy, labels.singletonOrThrow(), y);
    return HalfSquaredError.batchMean(y, targets);
  }
}
