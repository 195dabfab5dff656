package org.deltaboost.strategies;

import ai.djl.ndarray.NDArray;

/**
 * Surrogate loss of an output strategy on the logits {@code z}: {@code L = stopGradient(readable) +
 * (S − stopGradient(S))} with {@code S = Σ stopGradient(delta(z, t)) · z / B}. Its value is the
 * strategy's readable loss and its gradient with respect to {@code z} is exactly {@code delta / B},
 * also for boosted deltas, which are the gradient of no simple loss.
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
    NDArray constantZ = z.stopGradient();
    NDArray delta = strategy().delta(constantZ, targets);
    NDArray readable =
        strategy() instanceof AbstractOutputStrategy rule
            ? rule.readableLoss(constantZ, targets, delta)
            : strategy().readableLoss(constantZ, targets);
    NDArray surrogate = delta.div(ShapeChecks.batchSize(z)).mul(z).sum();
    // surrogate − stopGradient(surrogate) is exactly 0 in value and carries delta / B as gradient.
    return readable.add(surrogate.sub(surrogate.stopGradient()));
  }
}
