package org.deltaboost.harness.train.optim;

import ai.djl.ndarray.NDArray;

/**
 * Stochastic gradient descent with momentum, PyTorch's formulation ({@code torch.optim.SGD}, no
 * dampening, no Nesterov), with L2 weight decay λ and a learning-rate schedule ({@link
 * TrainingOptimizer}):
 *
 * <pre>  g ← g + λ·w;   v ← μ·v + g  (v starts at g);   w ← w − lr·v        (μ = 0: w ← w − lr·g)
 * </pre>
 *
 * <p>With μ = 0 there is no buffer and the update is two in-place native calls per parameter
 * ({@code g ← lr·g}, {@code w ← w − g}), the same arithmetic as {@code w − (lr·g)}.
 */
public final class MomentumSgd extends TrainingOptimizer {

  private final float momentum;
  private final Scalar mu = new Scalar();

  /**
   * Creates the optimizer.
   *
   * @param schedule the learning rate per step
   * @param momentum μ in {@code [0, 1)}
   * @param weightDecay λ, {@code >= 0}
   */
  public MomentumSgd(LearningRateSchedule schedule, double momentum, double weightDecay) {
    super(schedule, weightDecay);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = (float) momentum;
  }

  /** Plain SGD with momentum at a constant learning rate, without weight decay. */
  public MomentumSgd(double learningRate, double momentum) {
    this(LearningRateSchedule.constant(learningRate), momentum, 0);
  }

  /** Returns μ. */
  public double momentum() {
    return momentum;
  }

  @Override
  public String kind() {
    return "sgd";
  }

  @Override
  public int bufferCount() {
    return momentum == 0f ? 0 : 1;
  }

  @Override
  protected void apply(State state, NDArray weight, NDArray grad, NDArray rate, float rateValue) {
    if (momentum == 0f) {
      weight.subi(grad.muli(rate));
      return;
    }
    NDArray v = state.buffers()[0];
    if (v == null) {
      state.buffers()[0] = grad.duplicate();
      v = state.buffers()[0];
    } else {
      v.muli(mu.of(v, momentum)).addi(grad);
    }
    try (NDArray step = v.mul(rate)) {
      weight.subi(step);
    }
  }
}
