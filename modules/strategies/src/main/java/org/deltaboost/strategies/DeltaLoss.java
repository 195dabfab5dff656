package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Surrogate loss of an output strategy on the logits {@code z}: {@code L = stopGradient(readable) +
 * (S − stopGradient(S))} with {@code S = Σ stopGradient(delta(z, t)) · z / B}. Its value is the
 * strategy's readable loss and its gradient with respect to {@code z} is exactly {@code delta / B},
 * also for boosted deltas, which are the gradient of no simple loss.
 *
 * <p>For a training step ({@link #trainingTerms}) the same value and gradient come with fewer
 * engine operations: back-propagating from {@code z · g}, {@code g = stopGradient(delta / B)}, with
 * a gradient of ones gives {@code z} the gradient {@code 1 · g = g}, the surrogate's own; the value
 * is {@code readable + (s − s)} with {@code s = Σ z · g} computed without the graph, the same
 * number as {@code L} (NaN when {@code S} is not finite).
 *
 * <p>Labels are class indices, shape {@code (B)} or {@code (B, 1)}; predictions are the logits,
 * shape {@code (B, K)}.
 */
public final class DeltaLoss extends StrategyLoss {

  /**
   * Creates the loss under the name {@code DeltaLoss}.
   *
   * @param strategy the rule for the delta
   */
  public DeltaLoss(OutputStrategy strategy) {
    this("DeltaLoss", strategy);
  }

  /**
   * Creates the loss.
   *
   * @param name the display name of the loss
   * @param strategy the rule for the delta
   */
  public DeltaLoss(String name, OutputStrategy strategy) {
    super(name, strategy);
  }

  @Override
  NDArray evaluate(NDArray z, NDArray targets) {
    Parts parts = parts(z, targets);
    NDArray surrogate = parts.gradient().mul(z).sum();
    // surrogate − stopGradient(surrogate) is exactly 0 in value and carries delta / B as gradient.
    return parts.readable().add(surrogate.sub(surrogate.stopGradient()));
  }

  @Override
  Terms terms(NDArray z, NDArray targets) {
    Parts parts = parts(z, targets);
    NDArray root = z.mul(parts.gradient());
    NDArray s = root.stopGradient().sum();
    return new Terms(parts.readable().add(s.sub(s)), root);
  }

  /** The readable loss and the constant gradient {@code delta / B} at {@code z}. */
  private record Parts(NDArray readable, NDArray gradient) {}

  private Parts parts(NDArray z, NDArray targets) {
    NDArray constantZ = z.stopGradient();
    NDArray delta = strategy().delta(constantZ, targets);
    NDArray batch = ScalarScope.scalar(delta, ShapeChecks.batchSize(z));
    if (strategy() instanceof AbstractOutputStrategy rule) {
      // The readable loss is computed before the delta, a new array of the rule's, becomes delta /
      // B.
      NDArray readable = rule.readableLoss(constantZ, targets, delta);
      return new Parts(readable, delta.divi(batch));
    }
    return new Parts(strategy().readableLoss(constantZ, targets), delta.div(batch));
  }
}
