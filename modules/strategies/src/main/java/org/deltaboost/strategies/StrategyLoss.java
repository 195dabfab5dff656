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
    return evaluate(
        output, OneHotTargets.forPredictions(strategy, labels.singletonOrThrow(), output));
  }

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
    requireMatching(predictions, targets);
    return evaluate(predictions, targets);
  }

  /**
   * The loss's value and the array a training step back-propagates from (DJL's {@code
   * GradientCollector.backward}, which starts from a gradient of ones).
   *
   * @param value the scalar loss, the same number as {@link #evaluateOnTargets}; not part of the
   *     graph
   * @param backwardRoot back-propagating from it gives the predictions the same gradient as
   *     back-propagating {@link #evaluateOnTargets}
   */
  public record Terms(NDArray value, NDArray backwardRoot) {}

  /**
   * The loss on encoded targets for a training step: the same value and the same gradient at the
   * predictions as {@link #evaluateOnTargets}, possibly with fewer engine operations ({@link
   * DeltaLoss} back-propagates from {@code z · stopGradient(delta / B)} instead of its surrogate).
   *
   * @param predictions the logits, shape {@code (B, K)}
   * @param targets the targets, the same shape and data type
   * @return the value and the array to back-propagate from
   * @throws IllegalArgumentException if the predictions are not {@code (B, K)} or the targets do
   *     not match them
   */
  public final Terms trainingTerms(NDArray predictions, NDArray targets) {
    requireMatching(predictions, targets);
    return terms(predictions, targets);
  }

  /** By default the loss itself is both the value and the root. */
  Terms terms(NDArray output, NDArray targets) {
    NDArray loss = evaluate(output, targets);
    return new Terms(loss, loss);
  }

  private static void requireMatching(NDArray predictions, NDArray targets) {
    if (predictions.getShape().dimension() != 2) {
      throw new IllegalArgumentException(
          "predictions must have shape (batch, classes), got " + predictions.getShape());
    }
    ShapeChecks.requireSame(predictions, targets);
    if (predictions.getDataType() != targets.getDataType()) {
      throw new IllegalArgumentException(
          "targets of type "
              + targets.getDataType()
              + " do not match predictions of type "
              + predictions.getDataType());
    }
  }

  /** Computes the loss from the network's output and the encoded targets, both {@code (B, K)}. */
  abstract NDArray evaluate(NDArray output, NDArray targets);
}
