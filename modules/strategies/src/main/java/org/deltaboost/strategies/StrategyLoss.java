package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Objects;

/**
 * A DJL loss whose labels are class indices, encoded as targets by an output strategy; the
 * subclasses say what is computed from the network's output and those targets.
 */
public abstract class StrategyLoss extends Loss {

  private final OutputStrategy strategy;

  StrategyLoss(String name, OutputStrategy strategy) {
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
  public final NDArray evaluate(NDList labels, NDList predictions) {
    NDArray output = predictions.singletonOrThrow();
    return evaluate(output, OneHotTargets.forPredictions(strategy, labels.singletonOrThrow(), output));
  }

  /** Computes the loss from the network's output and the encoded targets, both {@code (B, K)}. */
  /**
   * The loss of predictions against targets already encoded (by {@link
   * OutputStrategy#encodeTargets(ai.djl.ndarray.NDManager, int[], int)}, say): the same value and
   * gradient as {@link #evaluate(NDList, NDList)} with the labels those targets encode.
   *
   * @param predictions the logits, shape {@code (B, K)}
   * @param targets the targets, the same shape and data type
   * @return the scalar loss
   * @throws IllegalArgumentException if the predictions are not {@code (B, K)} or the targets do
   *     not match them
   */
  public final NDArray evaluateOnTargets(NDArray predictions, NDArray targets) {
    if (predictions.getShape().dimension() != 2) {
      throw new IllegalArgumentException(
          "predictions must have shape (batch, classes), got " + predictions.getShape());
    }
    ShapeChecks.requireSame(predictions, targets);
    if (predictions.getDataType() != targets.getDataType()) {
      throw new IllegalArgumentException(
          "targets of type " + targets.getDataType() + " do not match predictions of type "
              + predictions.getDataType());
    }
    return evaluate(predictions, targets);
  }

  abstract NDArray evaluate(NDArray output, NDArray targets);
}
